using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Core.Planning;

namespace Pi.Orleans.Grains.Tests.Planning;

// The one planner the calculation grain, the Api's refusal and the cluster simulation call; the grain's and the Api's side
// are pinned in CalculationGrainTests and UnfinishableChunkTests.
public sealed class ChunkPlannerTests
{
    private static readonly PlanningOptions Defaults = new PiOptions().ToPlanning();

    private static SiloSlots Silo(string name, int slots, double rate) => new(name, slots, 0, 0, RunsChunks: true, 0, 0, name, rate);

    [Fact]
    public void WhileNoSiloKnowsItsRateChunksAreCutByChunkPointsWithTheConfiguredTimeoutAndNoRefusal()
    {
        var points = (10 * (1L << 29)) + 1;

        var planning = ChunkPlanner.Plan(points, [Silo("a", 4, 0), Silo("b", 4, 0)], Defaults);

        Assert.Equal(11, planning.Plan.ChunkCount);
        Assert.Equal(1L << 29, planning.Plan.ChunkPoints);
        Assert.Equal(0, planning.PointsPerSecondPerSlot);
        Assert.Equal(0, planning.ChunkSeconds);
        Assert.Equal(TimeSpan.FromSeconds(25), planning.ChunkTimeout);
        Assert.False(planning.IsRefused);
    }

    [Fact]
    public void AtAMeasuredRateTheChunksTakeAboutTheTargetDurationAndTheStoredNumbersCutTheSameChunksAgain()
    {
        const long points = 100_000_000_000;

        // Eight slots at 2.8·10^9 points/s: body chunks of 1 s (42,725 blocks), a tapered tail eight chunks wide per tier.
        var planning = ChunkPlanner.Plan(points, [Silo("a", 4, 2.8e9), Silo("b", 4, 2.8e9)], Defaults);
        var plan = planning.Plan;
        var resumed = ChunkPlan.Of(points, plan.BlocksPerChunk, plan.TaperWidth, plan.TaperFloorBlocks);

        Assert.Equal(42_725, plan.BlocksPerChunk);
        Assert.Equal(8, plan.TaperWidth);
        Assert.Equal(2.8e9, planning.PointsPerSecondPerSlot);
        Assert.InRange(planning.ChunkSeconds, 0.99, 1.01);
        Assert.Equal(TimeSpan.FromSeconds(25), planning.ChunkTimeout);
        Assert.Null(planning.Refusal);
        Assert.Equal(plan.ChunkCount, resumed.ChunkCount);
        Assert.Equal(Enumerable.Range(0, plan.ChunkCount).Select(i => plan.Work(5, i)), Enumerable.Range(0, resumed.ChunkCount).Select(i => resumed.Work(5, i)));
    }

    [Fact]
    public void ACalculationWhoseChunksWouldTimeOutOnEveryAttemptIsRefusedNamingTheKeyToChange()
    {
        const long points = 1_000_000_000_000_000;

        // One slot at 2·10^9 points/s and at most 4,096 chunks' worth of blocks per body chunk (3,725,291 blocks, 122 s each),
        // then a tapered tail one chunk wide per tier: 4,105 chunks.
        var planning = ChunkPlanner.Plan(points, [Silo("a", 1, 2e9)], Defaults with { MaxChunks = 4096 });

        Assert.Equal(3_725_291, planning.Plan.BlocksPerChunk);
        Assert.Equal(4105, planning.Plan.ChunkCount);
        Assert.True(planning.IsRefused);
        Assert.StartsWith($"{points} points need 4105 chunks of {planning.Plan.ChunkPoints} points", planning.Refusal, StringComparison.Ordinal);
        Assert.Contains("Pi:MaxChunks", planning.Refusal, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(4 * planning.ChunkSeconds), planning.ChunkTimeout);
    }
}
