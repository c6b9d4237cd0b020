using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Grains.Tests.Cluster;

public sealed class SiloFailureTests(PiTestCluster fixture) : IClassFixture<PiTestCluster>
{
    [Fact]
    public async Task KillingASiloMidCalculationStillCompletesWithTheUndisturbedResult()
    {
        const long points = 2_000_000_000;
        const ulong seed = 2718;
        var undisturbed = await PiTestCluster.WaitAsync(
            await fixture.StartAsync(points, CalculationMode.Distributed, seed), PiTestCluster.Finished, TimeSpan.FromSeconds(90));

        var grain = await fixture.StartAsync(points, CalculationMode.Distributed, seed);
        var atKill = await PiTestCluster.WaitAsync(grain, s => s.ChunksDone >= 5, TimeSpan.FromSeconds(60));
        var victim = fixture.Cluster.Silos[^1];
        await fixture.Cluster.KillSiloAsync(victim);
        var disturbed = await PiTestCluster.WaitAsync(grain, PiTestCluster.Finished, TimeSpan.FromSeconds(120));

        Assert.False(PiTestCluster.Finished(atKill), "the silo must die while the calculation runs");
        Assert.Equal(CalculationStatus.Completed, undisturbed.Status);
        Assert.Equal(CalculationStatus.Completed, disturbed.Status);
        Assert.Equal(undisturbed.Inside, disturbed.Inside);
        Assert.Equal(undisturbed.PointsDone, disturbed.PointsDone);
        Assert.Equal(PiSampler.CountInside(seed, 0, points), disturbed.Inside);
        Assert.True(disturbed.ChunksDone == disturbed.ChunksTotal);
    }
}
