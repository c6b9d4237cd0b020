namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>The undisturbed run of the workload: its size, its count of points inside and how long it took.</summary>
public sealed record ReferenceRun(long Points, long Inside, int ChunksTotal, TimeSpan Duration)
{
    /// <summary>Chunks the cluster finishes per second, undisturbed.</summary>
    public double ChunksPerSecond => ChunksTotal / Duration.TotalSeconds;

    /// <summary>
    /// Chunks finished within one persist interval (plus half of one for the write itself and the wait for the next chunk), at
    /// the faster of the undisturbed rate and <paramref name="measuredRate"/>: what the last state write may be missing.
    /// </summary>
    public int ChunksPerPersistInterval(double measuredRate) =>
        (int)Math.Ceiling(Math.Max(ChunksPerSecond, measuredRate) * PiCluster.PersistInterval.TotalSeconds * 1.5);

    /// <summary>Chunks a crash may make the cluster compute again: those missing from the last state write, and those in flight.</summary>
    public int UnsavedChunks(double measuredRate) => ChunksPerPersistInterval(measuredRate) + PiCluster.InFlightWindow;
}
