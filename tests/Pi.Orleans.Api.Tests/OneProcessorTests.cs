using System.Globalization;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Api.Tests;

/// <summary>
/// Issue #22: a pod with a 1-CPU limit gets one slot and a thread pool sized for one processor. The real Api binary (the embedded
/// default, which runs chunks itself) sized so by DOTNET_PROCESSOR_COUNT=1: while its one slot samples, the sampling runs on a
/// thread of its own at the nice value it is given (Pi:SamplerNice 19 here; the default is 0), not on the pool, and the silo still answers grain calls (/api/cluster asks its slots service).
/// </summary>
public sealed class OneProcessorTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SizedForOneProcessorTheSiloSamplesOnANiceThreadOfItsOwnAndStillAnswersWhileItsOnlySlotIsBusy()
    {
        await using var api = HostProcess.Start("api-1proc", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), new Dictionary<string, string>
        {
            ["DOTNET_PROCESSOR_COUNT"] = "1",
            ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Dashboard__Enabled"] = "false",
            ["Pi__Slots"] = "0",
            ["Pi__SamplerNice"] = "19",
        });
        await api.WaitReadyAsync(Bound, Token);

        // 10^12 points: minutes of work on one slot, so the slot is busy for as long as the test looks; it is cancelled below.
        var calculation = await api.Client.SubmitAsync(1_000_000_000_000, "distributed", 1, Token);
        var busy = await Eventually.ReachesAsync<ClusterInfo>(
            async token => await api.Client.ClusterAsync(token), c => c.SlotsUsed == c.SlotsTotal && c.SlotsTotal > 0, Bound, c => $"slots {c?.SlotsUsed}/{c?.SlotsTotal}", Token);
        var sampler = Assert.Single(Threads(api.Id), t => Comm(t) == "pi-sampler-0");
        await Eventually.HoldsAsync(_ => Task.FromResult(CpuTicks(sampler) > 0), Bound, () => $"{sampler} has used no CPU", Token);

        Assert.Equal(1, busy.SlotsTotal);
        Assert.Equal(19, Nice(sampler));
        Assert.DoesNotContain(Threads(api.Id), t => t != sampler && Comm(t).StartsWith("pi-sampler-", StringComparison.Ordinal));
        var stillBusy = await api.Client.ClusterAsync(Token);
        Assert.Equal((1, 1), (stillBusy.SlotsUsed, stillBusy.SlotsTotal));

        await api.Client.CancelAsync(calculation.Id, Token);
        await Eventually.ReachesAsync<ClusterInfo>(async token => await api.Client.ClusterAsync(token), c => c.SlotsUsed == 0, Bound, c => $"slots {c?.SlotsUsed} used after the cancel", Token);
    }

    private static IEnumerable<string> Threads(int pid) => Directory.GetDirectories($"/proc/{pid}/task");

    private static string Comm(string thread) => File.ReadAllText(Path.Combine(thread, "comm")).Trim();

    // /proc/<pid>/task/<tid>/stat: after the command name's closing parenthesis come field 3 (state) onwards; utime and stime
    // are fields 14 and 15, nice is field 19.
    private static string[] Stat(string thread)
    {
        var stat = File.ReadAllText(Path.Combine(thread, "stat"));
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static long CpuTicks(string thread) => long.Parse(Stat(thread)[11], CultureInfo.InvariantCulture) + long.Parse(Stat(thread)[12], CultureInfo.InvariantCulture);

    private static int Nice(string thread) => int.Parse(Stat(thread)[16], CultureInfo.InvariantCulture);
}
