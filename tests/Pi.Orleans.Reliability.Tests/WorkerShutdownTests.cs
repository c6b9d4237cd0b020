using System.Diagnostics;
using System.Net;
using Pi.Orleans.Reliability.Tests.Infrastructure;

namespace Pi.Orleans.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
public sealed class WorkerShutdownTests(PiCluster cluster)
{
    // The .NET host's default HostOptions.ShutdownTimeout; the silos do not change it.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWorkerStoppedWithSigtermTurnsNotReadyDrainsAndExitsWithoutLosingAChunkOrComputingOneTwiceUnretried()
    {
        await cluster.EnsureHealthyAsync(Token);
        var reference = await cluster.ReferenceAsync(Token);
        await using var counter = await ChunkCounter.StartAsync(() => cluster.ApiAddress, Token);
        var accepted = await cluster.Client.SubmitAsync(reference.Points, Workload.Seed, Token);
        var worker = cluster.Workers[1];
        var before = await cluster.Client.WaitUntilAsync(accepted.Id, c => c.Progress >= 0.3 || c.IsFinished, Workload.Bound, Token);
        Assert.False(before.IsFinished, $"the calculation ended before SIGTERM: {before}");

        var clock = Stopwatch.StartNew();
        var stopping = worker.Process.StopAsync(ShutdownTimeout + TimeSpan.FromSeconds(30));
        var (notReadyAfter, answered503) = await WatchReadinessAsync(worker, stopping, clock);
        await stopping;
        var exitedAfter = clock.Elapsed;
        var done = await cluster.Client.WaitFinishedAsync(accepted.Id, Workload.Bound, Token);
        await counter.StopAsync(Token);

        Assert.True(notReadyAfter < PiCluster.ReadinessDelay, $"/health/ready still 200 {notReadyAfter} after SIGTERM");
        Assert.True(answered503, "/health/ready never answered 503 while the worker stopped");
        Assert.True(exitedAfter < ShutdownTimeout, $"the worker took {exitedAfter} to exit; its last lines:\n{worker.Process.Output}");
        Assert.True(done.Status == "completed", $"{done}\n{cluster.Output()}");
        Assert.Equal(reference.Inside, done.ResultInside);

        // No chunk was computed twice beyond the counted retries: the counters seen add up to at most chunks_total + chunk_retries.
        // A graceful stop deactivates every grain whose directory entry the stopping silo owned
        // (DeactivationReason DirectoryFailure), the calculation's too when its entry was there; the calculation then lets
        // its in-flight chunks finish and records them, so its next activation has none to compute again. The chunks not
        // seen are those the stopping worker finished after its last count was read: its in-flight share (slots × in-flight
        // per slot), and as many again sent to it before the front saw it leave.
        var unseen = done.ChunksTotal - counter.Total;
        var handedOver = cluster.Api.Process.Output.Contains($"Calculation {accepted.Id} deactivated while running", StringComparison.Ordinal);
        Measured.Report($"SIGTERM at {before.Progress:P0}: not ready after {notReadyAfter.TotalMilliseconds:F0} ms, exited after {exitedAfter.TotalSeconds:F2} s (readiness delay {PiCluster.ReadinessDelay.TotalSeconds:F0} s); chunk_retries {done.ChunkRetries}; chunks seen {counter.Total}/{done.ChunksTotal} [{string.Join(", ", counter.PerSilo.Select(s => $"{s.Key}: {s.Value}"))}]; calculation grain handed over: {handedOver}");
        // A chunk computed twice must be explained by a counted retry (an attempt that failed or timed out, as a loaded
        // machine can make one); a graceful stop by itself adds none.
        Assert.True(counter.Total - done.ChunksTotal <= done.ChunkRetries,
            $"{counter.Total - done.ChunksTotal} chunks computed twice with {done.ChunkRetries} retries (seen {counter.Total} of {done.ChunksTotal}); handed over: {handedOver}");
        Assert.InRange(unseen, -done.ChunkRetries, 2 * PiCluster.SlotsPerWorker * PiCluster.InFlightPerSlot);

        await cluster.EnsureHealthyAsync(Token);
    }

    // Polls the stopping worker's /health/ready until it exits: when it first stopped answering 200, and whether it said 503.
    private static async Task<(TimeSpan NotReadyAfter, bool Answered503)> WatchReadinessAsync(LocalMember worker, Task stopping, Stopwatch clock)
    {
        TimeSpan? notReady = null;
        var answered503 = false;
        await Eventually.SampleUntilAsync(stopping, async token =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                using var response = await worker.Process.Http.GetAsync("/health/ready", timeout.Token);
                answered503 |= response.StatusCode == HttpStatusCode.ServiceUnavailable;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    notReady ??= clock.Elapsed;
                }
                else
                {
                    Assert.Null(notReady);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !token.IsCancellationRequested)
            {
                // Connection refused or closed: not ready either.
                notReady ??= clock.Elapsed;
            }
        }, Token, TimeSpan.FromMilliseconds(50));

        return (notReady ?? clock.Elapsed, answered503);
    }
}
