using Pi.Orleans.Simulation;

namespace Pi.Orleans.Grains.Tests.Scheduling;

// The short version of benchmarks/Pi.Orleans.Simulation: the real scheduler and state on a virtual clock, with silos that
// fail, leave and join, and a crash of the calculation's activation half way. Correctness only, never speed.
public sealed class SimulatedClusterTests
{
    private static readonly TimeSpan Churn = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(10, 20_000_000_000_000)]
    [InlineData(100, 100_000_000_000_000)]
    public void EveryChunkIsCountedOnceThroughChurnAndACrashAndOnlyTheUnsavedChunksAreComputedAgain(int silos, long points)
    {
        var options = new SimulationOptions(silos, TotalPoints: points, MeanSiloLifetime: Churn);

        var result = new ClusterSimulation(options).Run();

        var slots = silos * options.SlotsPerSilo;
        var perPersistInterval = slots * (options.Pi.PersistInterval.TotalSeconds / result.ChunkSeconds + 1);
        Assert.True(result.CountsMatch);
        Assert.True(result.SilosFailed + result.SilosLeft > 0, "the run had no churn");
        Assert.Equal(1, result.Resumes);
        Assert.InRange(result.Recomputed, 0, perPersistInterval + result.PeakInFlight);
        Assert.InRange(result.PeakInFlight, 1, slots * options.Pi.InFlightPerSlot);
    }

    [Fact]
    public void TheStateDoesNotGrowWithTheChunks()
    {
        var small = new ClusterSimulation(new SimulationOptions(50, TotalPoints: 10_000_000_000_000, CrashAt: null)).Run();
        var large = new ClusterSimulation(new SimulationOptions(50, TotalPoints: 100_000_000_000_000, CrashAt: null)).Run();

        // Ten times the points: the body has ten times the chunks, the tapered tail the same few.
        Assert.InRange(large.ChunksTotal, 8 * small.ChunksTotal, 10 * small.ChunksTotal);
        Assert.True(large.PeakStateJson < 1.5 * small.PeakStateJson, $"peak state {small.PeakStateJson} B → {large.PeakStateJson} B");
        Assert.True(large.PeakRanges <= large.PeakInFlight, $"{large.PeakRanges} ranges, {large.PeakInFlight} in flight");
        Assert.True(large.CountsMatch);
    }
}
