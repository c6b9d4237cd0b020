using Pi.Orleans.Grains;
using Pi.Orleans.Simulation;

namespace Pi.Orleans.Experiments.Tests.Scale;

// The short version of `experiments scale` (experiments/Pi.Orleans.Simulation): the real scheduler and state on a virtual clock, with silos that
// fail, leave and join, slow and frozen silos, and a crash of the calculation's activation half way. Correctness and virtual
// time only, never wall-clock speed.
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
    public void SpeculationFinishesSoonerWithSlowAndFrozenSilosAndEveryChunkIsStillCountedOnce()
    {
        // 2 of 20 silos 5× slower, 1 frozen for 60 s, churn and a crash half way: the same run with duplicates and without.
        var options = new SimulationOptions(20, TotalPoints: 10_000_000_000_000, MeanSiloLifetime: Churn, SlowShare: 0.1, FrozenShare: 0.05);

        var speculating = new ClusterSimulation(options).Run();
        var waiting = new ClusterSimulation(options with { Pi = new PiOptions { Speculation = false } }).Run();

        Assert.True(speculating.CountsMatch);
        Assert.True(waiting.CountsMatch);
        Assert.Equal((2, 1), (speculating.SlowSilos, speculating.FrozenSilos));
        Assert.Equal(speculating.Ideal, waiting.Ideal);
        Assert.InRange(speculating.SpeculativeWins, 1, speculating.Speculated);
        Assert.Equal(0, waiting.Speculated);
        Assert.True(speculating.Elapsed < waiting.Elapsed, $"{speculating.Elapsed} with speculation, {waiting.Elapsed} without");
    }

    [Fact]
    public void TheIdealTimeLeavesOutAFrozenSilosCapacityWhileItIsFrozenAndNotAfterTheEnd()
    {
        // 20 points at 10/s, 15 at 5/s while half the capacity is frozen, the other 65 at 10/s.
        Assert.Equal(TimeSpan.FromSeconds(11.5), IdealTime.Of(100, 10, [(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 5)]));
        Assert.Equal(TimeSpan.FromSeconds(10), IdealTime.Of(100, 10, [(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(3), 5)]));
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
