using System.Globalization;
using System.Text;
using Pi.Orleans.Contracts;
using Pi.Orleans.Experiments.Output;

namespace Pi.Orleans.Experiments.Kubernetes;

/// <summary>Writes a Kubernetes run's files: timeseries.csv (with the HPA columns), calculations.csv, timeline.svg and report.md.</summary>
public static class KubernetesReport
{
    public const string ReportFile = "report.md";

    public static async Task WriteAsync(
        KubernetesExperimentOptions options, IReadOnlyList<TimelineRow> rows, IReadOnlyList<Calculation> calculations, string load, string directory, string commandLine,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await TimelineCsv.WriteAsync(Path.Combine(directory, TimelineCsv.FileName), rows, cancellationToken);
        var csv = new CsvWriter("id", "status", "total_points", "duration_s", "points_per_s", "silos_used", "chunk_retries");
        foreach (var c in calculations)
        {
            var seconds = (c.DurationMs ?? double.NaN) / 1000;
            csv.Add(c.Id, c.Status, c.TotalPoints, seconds, c.TotalPoints / seconds, string.Join(';', c.SilosUsed ?? []), c.ChunkRetries);
        }

        await csv.SaveAsync(Path.Combine(directory, "calculations.csv"), cancellationToken);
        await TimelineChart.SaveAsync(Path.Combine(directory, TimelineChart.FileName), "Kubernetes run: HPA, pods, throughput", rows, cancellationToken);
        var md = new StringBuilder();
        md.AppendLine("# Kubernetes scale-out experiment\n");
        md.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC with `{commandLine}` against {options.ApiUrl}, namespace `{options.Namespace}`; load average of the machine running the CLI at the start: {load}.\n");
        md.AppendLine(CultureInfo.InvariantCulture, $"Load: {options.Count} distributed calculations of {options.Points:0.###e0} points, one every {options.IntervalSeconds:0} s; sampled every {options.SampleSeconds:0} s.\n");
        var firstAt = (int n) => rows.FirstOrDefault(r => r.WorkersRunning >= n)?.TimeSeconds;
        md.Append(MarkdownTable.Render(["worker pods", "first seen at (s)", "first listed by /api/cluster at (s)"],
            Enumerable.Range(1, Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.WorkersRunning))).Select(n => (IReadOnlyList<string>)[
                n.ToString(CultureInfo.InvariantCulture), Sec(firstAt(n)), Sec(rows.FirstOrDefault(r => r.WorkersActive >= n)?.TimeSeconds)])));
        var finished = calculations.Where(c => c.Status == "completed" && c.DurationMs > 0).ToList();
        if (finished.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"\n{finished.Count} calculations completed; mean duration {finished.Average(c => c.DurationMs!.Value) / 1000:0.0} s, mean throughput {finished.Average(c => c.TotalPoints / (c.DurationMs!.Value / 1000)):0.###e0} points/s per calculation.");
        }

        md.AppendLine("\n![Timeline](timeline.svg)\n");
        md.AppendLine("`timeseries.csv` has the local run's columns plus `hpa_desired_replicas` and `cpu_utilization_pct` (the HPA's status); `worker_cpu_cores` is");
        md.AppendLine("derived from the HPA's average utilization × 500m × pods. `calculations.csv` has one row per calculation.");
        await File.WriteAllTextAsync(Path.Combine(directory, ReportFile), md.ToString(), cancellationToken);
    }

    private static string Sec(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "–";
}
