using System.Diagnostics;
using Pi.Orleans.Contracts;
using Pi.Orleans.Experiments.Verification;
using Pi.Orleans.Reliability.Tests.Infrastructure;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Reliability.Tests;

// A worker frozen with SIGSTOP a quarter into a calculation: its sockets stay open and its membership row says active, but it
// answers nothing, as a hung host or a long GC pause. Each test has its own cluster (Redis, the Api and two one-slot workers)
// and a calculation sized by the measured rate to last CalculationLength undisturbed, and asserts the exact count the bare
// sampler gives for (seed, points), never a time.
public sealed class WorkerFreezeTests
{
    private const ulong Seed = 20_260_315;
    private const int Workers = 2;

    private static readonly TimeSpan CalculationLength = TimeSpan.FromSeconds(6);

    // The frozen worker's chunks wait until Orleans declares it dead (a minute or more today), on a slow or busy machine too.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACalculationGetsTheExactCountWhenAWorkerIsFrozenUntilItEnds()
    {
        await using var cluster = await StartClusterAsync();
        using var client = new PiClient(() => cluster.ApiAddress);
        var (accepted, expected) = await SubmitAsync(cluster, client);
        var worker = cluster.Workers[1];
        var before = await FreezeAtAQuarterAsync(client, accepted.Id, worker);
        var clock = Stopwatch.StartNew();
        Calculation done;
        try
        {
            done = await client.WaitFinishedAsync(accepted.Id, Bound, Token);
        }
        finally
        {
            OsProcess.Resume(worker.Process.Id);
        }

        Measured.Report($"{worker.Name} frozen at {before.Progress:P0} until the end: completed {clock.Elapsed.TotalSeconds:F1} s later, chunk_retries {done.ChunkRetries}");
        AssertExact(done, accepted.TotalPoints, await expected, cluster);
    }

    [Fact]
    public async Task ACalculationGetsTheExactCountWhenAWorkerIsPausedForAFewSeconds()
    {
        await using var cluster = await StartClusterAsync();
        using var client = new PiClient(() => cluster.ApiAddress);
        var (accepted, expected) = await SubmitAsync(cluster, client);
        var (worker, other) = (cluster.Workers[1], cluster.Workers[0]);
        var before = await FreezeAtAQuarterAsync(client, accepted.Id, worker);
        var clock = Stopwatch.StartNew();
        try
        {
            // Paused while the other worker finishes two more chunks: a chunk duration or two, whatever the CPU (longer on a busy machine).
            var otherChunks = await ChunksCompletedAsync(client, other.Name, _ => true);
            await ChunksCompletedAsync(client, other.Name, n => n >= otherChunks + 2);
        }
        finally
        {
            OsProcess.Resume(worker.Process.Id);
        }

        var pausedFor = clock.Elapsed;
        var done = await client.WaitFinishedAsync(accepted.Id, Bound, Token);
        var stillListed = (await client.TryGetClusterAsync(Token))?.Silos.Any(s => s.Name == worker.Name);
        Measured.Report($"{worker.Name} paused at {before.Progress:P0} for {pausedFor.TotalSeconds:F1} s: completed {clock.Elapsed.TotalSeconds:F1} s after the pause began, chunk_retries {done.ChunkRetries}, {worker.Name} still listed: {stillListed}");
        AssertExact(done, accepted.TotalPoints, await expected, cluster);
    }

    private static Task<LocalCluster> StartClusterAsync() => LocalCluster.StartAsync(new LocalClusterOptions
    {
        ApiDll = RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"),
        SiloDll = RepositoryPaths.HostDll("Silo", "Pi.Orleans.Silo"),
        Workers = Workers,
        ClusterId = "freeze-" + Guid.NewGuid().ToString("N")[..8],
        ApiKey = PiClient.ApiKey,
        Environment = new Dictionary<string, string>
        {
            ["Pi__Slots"] = "1",
            ["Pi__ChunkDuration"] = "00:00:01",
            ["Dashboard__Enabled"] = "false",
            // Warnings and the service's own lines only, so the output kept for failure messages shows what went wrong.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Pi"] = "Information",
        },
    }, Token);

    // Sizes the calculation from the slots' measured rate, submits it, and starts the bare sampler's count beside it.
    private static async Task<(Calculation Accepted, Task<long> Expected)> SubmitAsync(LocalCluster cluster, PiClient client)
    {
        var estimate = await Eventually.ReachesAsync<Estimate>(
            async token => await cluster.Client.EstimateAsync(1, null, null, token), e => e.PointsPerSecondPerSlot > 0 && e.SlotsAvailable == Workers,
            Bound, e => $"the rate of both workers' slots measured: {e}", Token);
        var points = (long)(estimate.PointsPerSecondPerSlot * Workers * CalculationLength.TotalSeconds);
        var accepted = await client.SubmitAsync(points, Seed, Token);
        var expected = Task.Run(() => ExpectedCounts.Compute([(Seed, points)], Token)[(Seed, points)], Token);
        return (accepted, expected);
    }

    private static async Task<Calculation> FreezeAtAQuarterAsync(PiClient client, Guid id, LocalMember worker)
    {
        var before = await client.WaitUntilAsync(id, c => c.Progress >= 0.25 || c.IsFinished, Bound, Token);
        Assert.False(before.IsFinished, $"the calculation ended before the freeze: {before}");
        OsProcess.Pause(worker.Process.Id);
        return before;
    }

    private static async Task<long> ChunksCompletedAsync(PiClient client, string silo, Func<long, bool> done)
    {
        var cluster = await Eventually.ReachesAsync(
            client.TryGetClusterAsync, c => c.Silos.SingleOrDefault(s => s.Name == silo) is { } found && done(found.ChunksCompleted), Bound,
            c => $"chunks completed on {silo}: [{string.Join(", ", c?.Silos.Select(s => $"{s.Name}: {s.ChunksCompleted}") ?? [])}]", Token);
        return cluster.Silos.Single(s => s.Name == silo).ChunksCompleted;
    }

    private static void AssertExact(Calculation done, long points, long expected, LocalCluster cluster)
    {
        Assert.True(done.Status == "completed", $"{done}\n{cluster.Output()}");
        Assert.Equal(expected, done.ResultInside);
        Assert.Equal(points, done.ResultTotal);
    }
}
