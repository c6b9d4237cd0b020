using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Sampling;
using Pi.Orleans.Grains.Slots;

namespace Pi.Orleans.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class CalculationGrainTests(PiTestCluster fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public void ACalculationIsPlacedOnTheSiloThatTakesTheRequest()
    {
        // The Api's silo takes every request, so calculations live there and a worker's scale-down deactivates none. Orleans'
        // default (resource-optimised) placement would move one to a less loaded worker.
        var silo = fixture.Cluster.Silos[0].ServiceProvider;
        var type = silo.GetRequiredService<IGrainFactory>().GetGrain<ICalculationGrain>(Guid.NewGuid()).GetGrainId().Type;

        var strategy = silo.GetRequiredService<PlacementStrategyResolver>().GetPlacementStrategy(type);

        Assert.IsType<PreferLocalPlacement>(strategy);
    }

    [Fact]
    public async Task ADistributedCalculationRunsItsChunksOnAtLeastTwoSilosAndGivesTheSamplerCount()
    {
        const long points = 100_000_000;
        var before = CompletedPerSilo();

        var grain = await fixture.StartAsync(points, CalculationMode.Distributed, seed: 31);
        var done = await PiTestCluster.WaitAsync(grain, PiTestCluster.Finished, Timeout);

        Assert.Equal(CalculationStatus.Completed, done.Status);
        Assert.Equal(PiSampler.CountInside(31, 0, points), done.Inside);
        Assert.Equal(points, done.PointsDone);
        Assert.True(done.SilosUsed.Count >= 2, $"chunks ran on {string.Join(", ", done.SilosUsed)}");
        var ranChunks = CompletedPerSilo().Zip(before).Count(p => p.First > p.Second);
        Assert.True(ranChunks >= 2, $"slot counters moved on {ranChunks} silos");
    }

    [Fact]
    public async Task TheGrainCutsTheChunksThePlannerPlansFromTheSilosReadings()
    {
        var points = (10 * PiTestCluster.ChunkPoints) + 1;
        var silo = fixture.Cluster.Silos[0].ServiceProvider;
        var readings = await silo.GetRequiredService<IClusterReadings>().ReadCachedAsync(TestContext.Current.CancellationToken);
        var planned = ChunkPlanner.Plan(points, readings, silo.GetRequiredService<IOptions<PiOptions>>().Value.ToPlanning());

        var grain = await fixture.StartAsync(points, CalculationMode.Distributed, seed: 12);
        var done = await PiTestCluster.WaitAsync(grain, PiTestCluster.Finished, Timeout);

        Assert.Equal(11, planned.Plan.ChunkCount);
        Assert.Equal(planned.Plan.ChunkCount, done.ChunksTotal);
        Assert.Equal(CalculationStatus.Completed, done.Status);
    }

    [Fact]
    public async Task EverySiloReceivesAFairShareOfTheChunks()
    {
        var before = CompletedPerSilo();

        var grain = await fixture.StartAsync(300 * PiTestCluster.ChunkPoints, CalculationMode.Distributed, seed: 3);
        var done = await PiTestCluster.WaitAsync(grain, PiTestCluster.Finished, Timeout);

        // On a busy machine an attempt can run overdue and get a duplicate elsewhere (docs/scheduling.md): both count as
        // computed on their silos (at most two attempts of a chunk run at once), while the calculation counts the chunk once.
        var shares = CompletedPerSilo().Zip(before).Select(p => p.First - p.Second).ToList();
        Assert.Equal(300, done.ChunksDone);
        Assert.InRange(shares.Sum(), 300, (2 * 300) + done.ChunkRetries);
        Assert.All(shares, share => Assert.True(share >= 60, $"chunks per silo: {string.Join(", ", shares)}"));
    }

    [Fact]
    public async Task SingleModeRunsOnOneSiloAndMatchesDistributed()
    {
        const long points = 20_000_000;
        var single = await PiTestCluster.WaitAsync(await fixture.StartAsync(points, CalculationMode.Single, 8), PiTestCluster.Finished, Timeout);
        var distributed = await PiTestCluster.WaitAsync(await fixture.StartAsync(points, CalculationMode.Distributed, 8), PiTestCluster.Finished, Timeout);

        Assert.Single(single.SilosUsed);
        Assert.Equal(distributed.Inside, single.Inside);
        Assert.Equal(CalculationStatus.Completed, single.Status);
    }

    [Fact]
    public async Task CancellingStopsTheCalculationAndFreesTheSlots()
    {
        var grain = await fixture.StartAsync(100_000_000_000, CalculationMode.Distributed, seed: 5);
        await PiTestCluster.WaitAsync(grain, s => s.ChunksDone >= 1, Timeout);

        var cancelled = await grain.CancelAsync();

        Assert.Equal(CalculationStatus.Cancelled, cancelled!.Status);
        Assert.True(cancelled.ChunksDone < cancelled.ChunksTotal);
        await WaitUntilAsync(() => Slots().All(s => s.Used == 0 && s.Queued == 0));
        var later = await grain.GetAsync();
        Assert.Equal(CalculationStatus.Cancelled, later!.Status);
    }

    [Fact]
    public async Task SlotsBoundHowManyChunksEachSiloRunsAtOnce()
    {
        var grain = await fixture.StartAsync(1_000_000_000, CalculationMode.Distributed, seed: 17);
        int maxUsed = 0, maxQueued = 0;
        while (await grain.GetAsync() is { } s && !PiTestCluster.Finished(s))
        {
            foreach (var slots in Slots())
            {
                Assert.InRange(slots.Used, 0, slots.Total);
                maxUsed = Math.Max(maxUsed, slots.Used);
                maxQueued = Math.Max(maxQueued, slots.Queued);
            }

            await Task.Delay(2, TestContext.Current.CancellationToken);
        }

        Assert.Equal(PiTestCluster.SlotsPerSilo, maxUsed);
        Assert.True(maxQueued > 0, "the fan-out window is larger than the slots, so some chunks must have waited");
    }

    private IEnumerable<ChunkSlots> Slots() =>
        fixture.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<ChunkSlots>()).ToList();

    private List<long> CompletedPerSilo() => [.. Slots().Select(s => s.Completed)];

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.HoldsAsync(_ => Task.FromResult(condition()), TimeSpan.FromSeconds(10), () => "condition", TestContext.Current.CancellationToken, TimeSpan.FromMilliseconds(10));
}
