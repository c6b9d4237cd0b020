using System.Globalization;
using System.Text;

namespace Pi.Orleans.Experiments.Load;

/// <summary>A load result as text: one key=value line for scripts, a line per request kind, and the answers by status code.</summary>
public static class LoadSummary
{
    public static string Describe(LoadResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"load profile={result.Profile} {result.Parameters} measured_s={result.Measured.TotalSeconds:F1} requests={result.Requests.Count} rps={result.Rate():F1} "
            + $"p50_ms={result.Percentile(50):F2} p90_ms={result.Percentile(90):F2} p99_ms={result.Percentile(99):F2} max_ms={result.Max():F2} "
            + $"accepted={result.Calculations.Count} errors={result.Errors}{(result.Cancelled ? " cancelled=true" : "")}");
        foreach (var kind in result.Kinds)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {kind,-20} requests={result.Requests.Count(r => r.Kind == kind),7} rps={result.Rate(kind),8:F1} p50_ms={result.Percentile(50, kind),8:F1} p99_ms={result.Percentile(99, kind),8:F1} max_ms={result.Max(kind),8:F1}");
        }

        foreach (var group in result.Tally.GroupBy(t => t.Kind))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  answers {group.Key}: {string.Join(", ", group.Select(t => $"{t.Answer}x{t.Count}"))}");
        }

        var failed = result.Calculations.Where(c => c.Failed).GroupBy(c => c.Latest.Status).Select(g => $"{g.Key}x{g.Count()}").ToList();
        text.Append(CultureInfo.InvariantCulture,
            $"  calculations accepted={result.Calculations.Count} ended={(failed.Count == 0 ? "no failures" : string.Join(", ", failed))} overdue={result.Overdue.Count} (still running when the profile stopped waiting)");
        return text.ToString();
    }

    /// <summary>Every recorded request as TSV: kind, start_s, latency_ms, answer, calculation_id.</summary>
    public static async Task WriteRecordsAsync(LoadResult result, string path, CancellationToken cancellationToken = default)
    {
        var lines = result.Requests.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Kind}\t{r.StartS:F3}\t{r.LatencyMs:F2}\t{r.Answer}\t{r.CalculationId}"));
        await File.WriteAllLinesAsync(path, lines.Prepend("kind\tstart_s\tlatency_ms\tanswer\tcalculation_id"), cancellationToken);
    }
}
