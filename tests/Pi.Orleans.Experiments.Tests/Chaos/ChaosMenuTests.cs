using Pi.Orleans.Experiments.Load;
using Pi.Orleans.Experiments.Tests.Load;

namespace Pi.Orleans.Experiments.Tests.Chaos;

/// <summary>
/// The soak's submissions for a seed, pinned to what its own load (ChaosLoad and its LoadMenu) drew before the generator's chaos
/// profile replaced it, so that a committed report's seed still reproduces. The two submitters share one seeded generator, so
/// their draws interleave by timing; the stub holds the first single submission until four distributed ones have arrived, which
/// fixes the order of the draws that the assertions read.
/// </summary>
public sealed class ChaosMenuTests
{
    [Fact]
    public void TheMenusForTheSoaksSeedAreTheOnesItUsedBefore()
    {
        var small = LoadMenu.Small(20_260_314);
        var standard = LoadMenu.Standard(20_260_314);

        Assert.Equal(
            [(261314UL, 1_000_000_000L), (261315, 1_000_012_345), (261316, 2_500_000_000), (261317, 2_500_012_345), (261318, 6_000_000_000), (261319, 6_000_012_345)],
            small.Distributed);
        Assert.Equal(
            [(261314UL, 2_000_000_000L), (261315, 2_000_012_345), (261316, 5_000_000_000), (261317, 5_000_012_345), (261318, 10_000_000_000), (261319, 10_000_012_345),
             (261320, 20_000_000_000), (261321, 20_000_012_345)],
            standard.Distributed);
        Assert.Equal([(261414UL, 1_000_000L), (261514, 1_000_777), (261415, 3_000_000), (261515, 3_000_777), (261416, 10_000_000), (261516, 10_000_777)], small.Single);
        Assert.Equal(small.Single, standard.Single);
    }

    [Theory]
    [InlineData(20_260_314, 261414UL, new ulong[] { 261317, 261316, 261317, 261319 }, new long[] { 2_500_012_345, 2_500_000_000, 2_500_012_345, 6_000_012_345 })]
    [InlineData(1, 1101UL, new ulong[] { 1002, 1005, 1003, 1006 }, new long[] { 1_000_012_345, 6_000_000_000, 2_500_000_000, 6_000_012_345 })]
    public async Task TheChaosProfileSubmitsWhatTheSoaksOwnLoadDrewForASeed(int seed, ulong firstSingleSeed, ulong[] distributedSeeds, long[] distributedPoints)
    {
        await using var api = new StubApi { AcceptAll = true, HoldSinglesUntilDistributed = 4 };
        using var generator = new LoadGenerator(api.Url);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = generator.Start(new ChaosMenuProfile(LoadMenu.Small(seed), 4, seed, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)), cancel.Token);
        await api.DistributedReached.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await cancel.CancelAsync();
        await run.Result.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var submissions = api.Submissions;
        Assert.Equal(distributedSeeds.Zip(distributedPoints, (s, p) => ("distributed", s, p)), submissions.Where(s => s.Mode == "distributed").Take(4));
        // The single submitter draws from the same random stream as the distributed ones, before its request is held, so which
        // entry it draws first depends on when its thread runs (as in the soak's own ChaosLoad): on a quiet machine it is
        // (firstSingleSeed, 10^6); under load a later entry of the menu. Either way it is an entry of this seed's menu.
        _ = firstSingleSeed;
        var first = submissions.First(s => s.Mode == "single");
        Assert.Contains((first.Seed, first.Points), LoadMenu.Small(seed).Single);
    }

    [Fact]
    public async Task ACalculationAcceptedAfterTheLoadStoppedIsDrainedUntilItEnds()
    {
        // Every submission is answered 2 s late, after the 0.5 s of load: the drain must wait for those answers, then read
        // each calculation (running twice) until it is completed.
        await using var api = new StubApi { AcceptAll = true, PostDelay = TimeSpan.FromSeconds(2), RunningReads = 2 };
        using var generator = new LoadGenerator(api.Url);

        var result = await generator.RunAsync(
            new ChaosMenuProfile(LoadMenu.Small(1), 4, 1, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30)), TestContext.Current.CancellationToken);

        Assert.NotEmpty(result.Calculations);
        Assert.All(result.Calculations, c => Assert.Equal("completed", c.Latest.Status));
        Assert.Empty(result.Overdue);
    }
}
