using System.Globalization;

namespace Pi.Orleans.LoadGen;

/// <summary>The latencies of one load run, in milliseconds, and its errors.</summary>
internal sealed record LoadResult(double[] Latencies, int Errors, string? FirstError, TimeSpan Wall)
{
    public double Percentile(double p)
    {
        var sorted = Latencies.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public string Describe(int concurrency, long points, string mode) => string.Create(
        CultureInfo.InvariantCulture,
        $"loadgen mode={mode} points={points} concurrency={concurrency} requests={Latencies.Length} "
        + $"p50_ms={Percentile(50):F2} p90_ms={Percentile(90):F2} p99_ms={Percentile(99):F2} max_ms={Latencies.Max():F2} "
        + $"rps={Latencies.Length / Wall.TotalSeconds:F0} errors={Errors}{(FirstError is null ? "" : $" first_error=\"{FirstError}\"")}");
}
