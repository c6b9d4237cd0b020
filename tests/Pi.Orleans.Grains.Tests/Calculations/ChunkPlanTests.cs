using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Grains.Tests.Calculations;

public sealed class ChunkPlanTests
{
    private const long TenToTheFifteen = 1_000_000_000_000_000;

    // About this machine's rate on one slot (one core).
    private const double SlotRate = 2e9;

    [Fact]
    public void TenToTheFifteenPointsAtThisMachinesSlotRateAreCutIntoChunksOfAboutTheTargetDuration()
    {
        var options = new PiOptions();

        var plan = ChunkPlan.ForDuration(TenToTheFifteen, SlotRate, options.ChunkDuration, options.ChunkPoints, options.MaxChunks);

        Assert.InRange(plan.ChunkSeconds(SlotRate), 0.99, 1.01);
        Assert.InRange(plan.ChunkCount, 495_000, 505_000);
        Assert.Equal(0, plan.ChunkPoints % PointStreams.BlockSize);
        Assert.Equal(options.ChunkTimeout, ChunkTiming.Timeout(options.ChunkTimeout, plan.ChunkSeconds(SlotRate)));
        Assert.Null(ChunkTiming.Refusal(plan, SlotRate, options.ToPlanning()));
    }

    [Fact]
    public void WithoutAMeasuredRateChunksAreCutByChunkPointsAndNoLongerByACountCap()
    {
        var options = new PiOptions();

        var plan = ChunkPlan.ForDuration(TenToTheFifteen, 0, options.ChunkDuration, options.ChunkPoints, options.MaxChunks);

        Assert.Equal(options.ChunkPoints, plan.ChunkPoints);
        Assert.Equal((int)Math.Ceiling(TenToTheFifteen / (double)options.ChunkPoints), plan.ChunkCount);
    }

    [Fact]
    public void TheLastChunkEndsExactlyAtTheTotalAndEveryOtherIsWholeBlocks()
    {
        var plan = ChunkPlan.ForDuration(10 * PointStreams.BlockSize + 7, 3.5 * PointStreams.BlockSize, TimeSpan.FromSeconds(1), 1, 100);

        var works = Enumerable.Range(0, plan.ChunkCount).Select(i => plan.Work(seed: 1, i)).ToList();

        Assert.Equal(4, plan.BlocksPerChunk);
        Assert.Equal(10 * PointStreams.BlockSize + 7, works.Sum(w => w.Points));
        Assert.All(works.SkipLast(1), w => Assert.Equal(4 * PointStreams.BlockSize, w.Points));
    }

    [Fact]
    public void OnManySlotsChunksGrowSoThatOneCalculationReceivesAtMostMaxCompletionsPerSecond()
    {
        var options = new PiOptions();

        Assert.Equal(TimeSpan.FromSeconds(1), ChunkTiming.TargetDuration(options.ToPlanning(), slots: 800));
        Assert.Equal(TimeSpan.FromSeconds(1), ChunkTiming.TargetDuration(options.ToPlanning(), slots: 7_500));
        Assert.Equal(TimeSpan.FromSeconds(4), ChunkTiming.TargetDuration(options.ToPlanning(), slots: 30_000));
        Assert.Equal(ChunkTiming.CallLimit / ChunkTiming.TimeoutFactor, ChunkTiming.TargetDuration(options.ToPlanning(), slots: 100_000));
        Assert.Equal(TimeSpan.Zero, ChunkTiming.TargetDuration(new PiOptions { ChunkDuration = TimeSpan.Zero }.ToPlanning(), slots: 8_000));
    }

    [Fact]
    public void AChunkTimeoutFollowsALongPlannedChunk()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), ChunkTiming.Timeout(TimeSpan.FromSeconds(10), plannedSeconds: 5));
        Assert.Equal(TimeSpan.FromSeconds(10), ChunkTiming.Timeout(TimeSpan.FromSeconds(10), plannedSeconds: 0));
    }

    [Fact]
    public void APlanWhoseChunksCouldNotEndBeforeOrleansResponseTimeoutIsRefusedNamingTheKeyToChange()
    {
        var options = new PiOptions { MaxChunks = 4096 };

        var plan = ChunkPlan.ForDuration(TenToTheFifteen, SlotRate, options.ChunkDuration, options.ChunkPoints, options.MaxChunks);
        var refusal = ChunkTiming.Refusal(plan, SlotRate, options.ToPlanning());

        Assert.Equal(4096, plan.ChunkCount);
        Assert.NotNull(refusal);
        Assert.Contains("Pi:MaxChunks", refusal, StringComparison.Ordinal);
    }
}
