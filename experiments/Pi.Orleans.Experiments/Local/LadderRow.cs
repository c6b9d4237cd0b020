namespace Pi.Orleans.Experiments.Local;

/// <summary>
/// One ladder calculation: workers, wall and server-side duration, throughput, the CPU the worker processes got meanwhile (their CPU
/// time over the wall time, in cores), result and the 1-minute load when it ended.
/// </summary>
public sealed record LadderRow(
    int Workers, int Run, long Points, double WallSeconds, double DurationSeconds, double PointsPerSecond, double WorkerCpuSeconds, double? ResultPi,
    long? ResultInside, int ChunkRetries, IReadOnlyList<string> SilosUsed, double Load1)
{
    /// <summary>The cores the worker processes got on average while the calculation ran.</summary>
    public double WorkerCores => WorkerCpuSeconds / WallSeconds;

    /// <summary>Points per second of worker CPU: throughput with the machine's contention taken out.</summary>
    public double PointsPerCoreSecond => WorkerCpuSeconds > 0 ? Points / WorkerCpuSeconds : double.NaN;
}
