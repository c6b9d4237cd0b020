using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>The rows of a run by name, with the helpers the goals report formats them with (as benchmarks/e2e/report.py did).</summary>
public sealed class GoalRows(IReadOnlyList<ResultRow> rows)
{
    public IReadOnlyList<ResultRow> All => rows;

    public IReadOnlyList<ResultRow> Of(string name) => [.. rows.Where(r => r.Name == name)];

    /// <summary>The median of a measurement's numeric values, or null when it was not taken.</summary>
    public double? Value(string name)
    {
        var numbers = Of(name).Where(r => r.Value is not ("" or "NA")).Select(r => double.Parse(r.Value, CultureInfo.InvariantCulture)).Order().ToArray();
        return numbers.Length == 0 ? null : numbers.Length % 2 == 1 ? numbers[numbers.Length / 2] : (numbers[(numbers.Length / 2) - 1] + numbers[numbers.Length / 2]) / 2;
    }

    public int Runs(string name) => Of(name).Count;

    public string Note(string name) => Of(name).FirstOrDefault()?.Note ?? "";

    /// <summary>"0.50–0.80 (0–3% busy)": the loads and busy shares before the named measurements.</summary>
    public string Load(params string[] names)
    {
        var chosen = names.SelectMany(Of).ToList();
        if (chosen.Count == 0)
        {
            return "—";
        }

        var loads = Span(chosen.Select(r => (double?)r.Load), "0.00");
        return chosen.Any(r => r.Busy is not null) ? $"{loads} ({Span(chosen.Select(r => (double?)r.Busy), "0")}% busy)" : loads;
    }

    public static string Fmt(double? v, int digits = 0) => v is { } x ? x.ToString("N" + digits, CultureInfo.InvariantCulture) : "—";

    public static string Ratio(double? a, double? b, int digits = 2) => a is { } x && b is { } y && y != 0 ? (x / y).ToString("F" + digits, CultureInfo.InvariantCulture) + "×" : "—";

    public static string Verdict(bool? ok) => ok is null ? "—" : ok.Value ? "met" : "**missed**";

    private static string Span(IEnumerable<double?> values, string format)
    {
        var present = values.OfType<double>().ToList();
        if (present.Count == 0)
        {
            return "—";
        }

        var (min, max) = (present.Min(), present.Max());
        return min.ToString(format, CultureInfo.InvariantCulture) + (min == max ? "" : "–" + max.ToString(format, CultureInfo.InvariantCulture));
    }
}
