using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class FinishedCalculationTests(PiTestCluster fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(CalculationMode.Distributed)]
    [InlineData(CalculationMode.Single)]
    public async Task AFinishedCalculationLeavesMemoryAndIsReadBackFromStorage(CalculationMode mode)
    {
        var grain = await fixture.StartAsync(20_000_000, mode, seed: 77);
        var done = await grain.WaitAsync(Timeout) ?? throw new InvalidOperationException("unknown calculation");
        Assert.Equal(CalculationStatus.Completed, done.Status);

        // No call reaches the grain meanwhile, so nothing but its own finish can have deactivated it.
        await Eventually.HoldsAsync(
            async _ => !(await ActivationsAsync()).Contains(grain.GetGrainId()),
            TimeSpan.FromSeconds(30),
            () => "the finished calculation's activation is still alive",
            TestContext.Current.CancellationToken);
        var read = await grain.GetAsync();
        Assert.Equal(done, read! with { SilosUsed = done.SilosUsed });
        Assert.Equal(done.SilosUsed, read.SilosUsed);
    }

    private async Task<HashSet<GrainId>> ActivationsAsync()
    {
        var management = fixture.Cluster.Client.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics([typeof(CalculationGrain).FullName!]);
        return [.. statistics.Select(s => s.GrainId)];
    }
}
