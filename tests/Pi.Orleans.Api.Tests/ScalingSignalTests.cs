using Pi.Orleans.Contracts;

namespace Pi.Orleans.Api.Tests;

// Its own cluster, with chunks cut by time (about a second each at the slots' measured rate): the shared Redis cluster cuts
// 4·10^6-point chunks, a millisecond or two on a fast CPU, and a poll then never catches all four slots running at once.
public sealed class ScalingSignalTests
{
    private const int SlotsPerWorker = 2;
    private const int Slots = 2 * SlotsPerWorker;

    // A minute of work for all the slots at the measured rate: cancelled long before it ends, on any CPU.
    private static readonly TimeSpan CalculationLength = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScalingShowsTheBacklogDuringACalculationAndNothingAfter()
    {
        await using var cluster = await LocalCluster.StartAsync(new LocalClusterOptions
        {
            ApiDll = RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"),
            SiloDll = RepositoryPaths.HostDll("Silo", "Pi.Orleans.Silo"),
            Workers = 2,
            Environment = new Dictionary<string, string>
            {
                ["Pi__Slots"] = SlotsPerWorker.ToString(),
                ["Pi__ChunkDuration"] = "00:00:01",
                ["Dashboard__Enabled"] = "false",
            },
        }, Token);
        var api = cluster.Client;
        var idle = await api.ScalingAsync(Token);
        Assert.Equal(Slots, idle.SlotsTotal);
        Assert.Equal(SlotsPerWorker, idle.SlotsPerWorker);
        var estimate = await Eventually.ReachesAsync<Estimate>(
            async token => await api.EstimateAsync(1, null, null, token), e => e.PointsPerSecondPerSlot > 0 && e.SlotsAvailable == Slots, Bound,
            e => $"the rate of every slot measured: {e}", Token);

        var accepted = await api.SubmitAsync((long)(estimate.PointsPerSecondPerSlot * Slots * CalculationLength.TotalSeconds), "distributed", 22, Token);
        var busy = await Eventually.ReachesAsync<ScalingInfo>(
            async token => await api.ScalingAsync(token), s => s.SlotsUsed == Slots && s.PendingChunks > 0, Bound,
            s => $"all four slots busy: {s}", Token, TimeSpan.FromMilliseconds(200));
        var expected = Math.Clamp((int)Math.Ceiling((busy.SlotsUsed + busy.SlotsQueued) / (double)SlotsPerWorker), 1, 3);
        Assert.Equal(expected, busy.DesiredWorkers);

        await api.CancelAsync(accepted.Id, Token);
        await Eventually.ReachesAsync<ScalingInfo>(
            async token => await api.ScalingAsync(token),
            s => s.SlotsUsed == 0 && s.SlotsQueued == 0 && s.PendingChunks == 0 && s.DesiredWorkers == 1, Bound,
            s => $"slots free again after the calculation: {s}", Token, TimeSpan.FromMilliseconds(200));
    }
}
