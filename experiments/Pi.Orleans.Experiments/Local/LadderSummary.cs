namespace Pi.Orleans.Experiments.Local;

/// <summary>
/// The ladder at one worker count: mean duration and throughput, speedup and efficiency against the 1-worker step, and the same per
/// second of worker CPU (so that CPU taken by other processes on the machine does not count against the cluster).
/// </summary>
public sealed record LadderSummary(
    int Workers, int Runs, double DurationSeconds, double PointsPerSecond, double Speedup, double Efficiency, int ChunkRetries,
    double WorkerCores, double PointsPerCoreSecond, double CpuEfficiency)
{
    public static IReadOnlyList<LadderSummary> From(IReadOnlyList<LadderRow> rows)
    {
        var groups = rows.GroupBy(r => r.Workers).OrderBy(g => g.Key)
            .Select(g => (Workers: g.Key, Runs: g.Count(), Duration: g.Average(r => r.DurationSeconds), Rate: g.Average(r => r.PointsPerSecond),
                Retries: g.Sum(r => r.ChunkRetries), Cores: g.Average(r => r.WorkerCores), PerCore: g.Average(r => r.PointsPerCoreSecond)))
            .ToList();
        if (groups.Count == 0)
        {
            return [];
        }

        var baseRate = groups[0].Rate / groups[0].Workers;
        return [.. groups.Select(g => new LadderSummary(g.Workers, g.Runs, g.Duration, g.Rate, g.Rate / baseRate, g.Rate / baseRate / g.Workers, g.Retries,
            g.Cores, g.PerCore, g.PerCore / groups[0].PerCore))];
    }
}
