using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Grains.Tests.Calculations;

public sealed class TaperedPlanTests
{
    private const double SlotRate = 2.8e9;
    private static readonly PiOptions Options = new();

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(64)]
    public void ACalculationOfAFewSecondsGetsAtLeastFourChunksPerSlotWhateverTheSlotCount(int slots)
    {
        var points = (long)(SlotRate * slots * 2);

        var plan = ChunkPlan.ForCluster(points, Silos(slots), Options.ToPlanning());

        Assert.True(plan.ChunkCount >= Options.ChunksPerSlot * slots, $"{plan.ChunkCount} chunks on {slots} slots");
    }

    [Fact]
    public void TheChunksShrinkTowardsTheEndAndTheLastWaveIsChunksOfTheFloor()
    {
        var plan = ChunkPlan.ForCluster(100_000_000_000, Silos(2), Options.ToPlanning());
        var sizes = Sizes(plan);

        Assert.Equal(ChunkBlocks(1.0), plan.BlocksPerChunk);
        Assert.All(sizes.Zip(sizes.Skip(1)), pair => Assert.True(pair.First >= pair.Second || pair.First < plan.BlocksPerChunk, $"{pair.First} then {pair.Second}"));
        Assert.All(sizes.TakeLast(2), last => Assert.InRange(last * PointStreams.BlockSize / SlotRate, Options.MinChunkDuration.TotalSeconds, 2 * Options.MinChunkDuration.TotalSeconds));
        Assert.True(sizes[^3] > sizes[^1], "the tiers halve");
    }

    [Fact]
    public void NoChunkIsShorterThanTheFloor()
    {
        var plan = ChunkPlan.ForCluster(3_000_000_000, Silos(2), Options.ToPlanning());
        var sizes = Sizes(plan);
        var floor = ChunkBlocks(Options.MinChunkDuration.TotalSeconds);

        Assert.All(sizes, size => Assert.True(size >= floor, string.Join(", ", sizes)));
        Assert.True(plan.ChunkCount >= 8, $"{plan.ChunkCount} chunks");
    }

    [Theory]
    [InlineData(10_000_000_000L, 2)]
    [InlineData(30_000_000_000L, 2)]
    [InlineData(1_000_000_000_007L, 24)]
    [InlineData(65_537L, 2)]
    public void APlanCoversEveryPointOnceInOrderAndTheStoredNumbersCutTheSameChunks(long points, int slots)
    {
        var plan = ChunkPlan.ForCluster(points, Silos(slots), Options.ToPlanning());
        var again = ChunkPlan.Of(points, plan.BlocksPerChunk, plan.TaperWidth, plan.TaperFloorBlocks);

        var works = Enumerable.Range(0, plan.ChunkCount).Select(i => plan.Work(7, i)).ToList();

        Assert.Equal(points, works.Sum(w => w.Points));
        Assert.Equal(0, works[0].FirstBlock);
        Assert.All(works.Zip(works.Skip(1)), p => Assert.Equal(p.First.FirstBlock * PointStreams.BlockSize + p.First.Points, p.Second.FirstBlock * PointStreams.BlockSize));
        Assert.All(works.SkipLast(1), w => Assert.Equal(0, w.Points % PointStreams.BlockSize));
        Assert.Equal(plan.ChunkCount, again.ChunkCount);
        Assert.Equal(works, Enumerable.Range(0, again.ChunkCount).Select(i => again.Work(7, i)));
    }

    [Fact]
    public void AStateWrittenBeforePlansTaperedCutsItsUniformChunksAsBefore()
    {
        var uniform = ChunkPlan.Of(10 * PointStreams.BlockSize + 7, blocksPerChunk: 4);

        Assert.Equal(3, uniform.ChunkCount);
        Assert.Equal([4 * PointStreams.BlockSize, 4 * PointStreams.BlockSize, (2 * PointStreams.BlockSize) + 7], Enumerable.Range(0, 3).Select(uniform.PointsOf));
    }

    [Fact]
    public void WithoutAMeasuredRateTheClusterPlanIsUniformChunksOfChunkPoints()
    {
        var plan = ChunkPlan.ForCluster(10_000_000_000, Silos(2, rate: 0), Options.ToPlanning());

        Assert.Equal(0, plan.TaperWidth);
        Assert.Equal(Options.ChunkPoints, plan.ChunkPoints);
    }

    [Fact]
    public void OnAThousandSilosTheFloorKeepsTheCompletionsUnderTheLimit()
    {
        var silos = Enumerable.Range(0, 1000).Select(i => new SiloSlots($"s{i}", 8, 0, 0, true, 0, 0, $"s{i}", SlotRate)).ToList();

        var plan = ChunkPlan.ForCluster(10_000_000_000_000_000, silos, Options.ToPlanning());
        var smallest = Sizes(plan).Min() * PointStreams.BlockSize / SlotRate;

        Assert.True(8000 / smallest <= Options.MaxCompletionsPerSecond * 1.01, $"smallest chunk {smallest} s");
    }

    private static List<long> Sizes(ChunkPlan plan) =>
        [.. Enumerable.Range(0, plan.ChunkCount).Select(i => (plan.PointsOf(i) + PointStreams.BlockSize - 1) / PointStreams.BlockSize)];

    private static long ChunkBlocks(double seconds) => (long)Math.Ceiling(SlotRate * seconds / PointStreams.BlockSize);

    private static List<SiloSlots> Silos(int slots, double rate = SlotRate) =>
        [new SiloSlots("a", slots, 0, 0, RunsChunks: true, 0, 0, "a", rate)];
}
