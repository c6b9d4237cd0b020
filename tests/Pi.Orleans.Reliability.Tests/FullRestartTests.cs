using System.Diagnostics;
using Pi.Orleans.Reliability.Tests.Infrastructure;

namespace Pi.Orleans.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
public sealed class FullRestartTests(PiCluster cluster)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARunningCalculationResumesFromItsCompletedChunksWhenEveryProcessIsStoppedAndStartedAgain()
    {
        await cluster.EnsureHealthyAsync(Token);
        var reference = await cluster.ReferenceAsync(Token);
        var accepted = await cluster.Client.SubmitAsync(reference.Points, Workload.Seed, Token);
        var (before, rate) = await cluster.Client.WaitForProgressAsync(accepted.Id, 0.1, Workload.Bound, Token);
        Assert.False(before.IsFinished, $"the calculation ended before the stop: {before}");

        // Every silo gets SIGTERM at once (as when a whole deployment is stopped), then Redis goes down too. While the Api
        // still answers (its readiness delay), the calculation is read again: the last answer is what was done at the stop.
        var clock = Stopwatch.StartNew();
        var stopping = Task.WhenAll(cluster.Workers.Append(cluster.Api).Select(m => m.Process.StopAsync(StopTimeout)));
        var lastSeen = before;
        await Eventually.SampleUntilAsync(stopping, async token =>
        {
            if (await cluster.Client.TryGetAsync(accepted.Id, token) is { } seen && (seen.ChunksDone > lastSeen.ChunksDone || seen.Status != lastSeen.Status))
            {
                lastSeen = seen;
            }
        }, Token, TimeSpan.FromMilliseconds(50));

        await stopping;
        var stoppedAfter = clock.Elapsed;
        Assert.False(lastSeen.IsFinished, lastSeen.Status == "failed"
            ? $"the calculation failed while the cluster was stopping: {lastSeen.Error}\n{cluster.Output()}"
            : $"the calculation completed while the cluster was stopping ({lastSeen}); nothing was left to resume");
        cluster.Redis.Kill();

        await cluster.Redis.RestartAsync(Token);
        clock.Restart();
        await cluster.EnsureHealthyAsync(Token);
        var upAfter = clock.Elapsed;
        await using var counter = await ChunkCounter.StartFromZeroAsync(() => cluster.ApiAddress, Token);
        var done = await cluster.Client.WaitFinishedAsync(accepted.Id, Workload.Bound, Token);
        await counter.StopAsync(Token);

        Assert.True(done.Status == "completed", $"{done}\n{cluster.Output()}");
        Assert.Equal(reference.Inside, done.ResultInside);

        // Only the chunks not done before the stop are computed, give or take those finished within the last persist interval;
        // and far fewer than all of them, or it started over.
        var notDone = done.ChunksTotal - lastSeen.ChunksDone;
        var allowance = reference.ChunksPerPersistInterval(rate);
        Measured.Report($"SIGTERM to all at {before.ChunksDone}/{done.ChunksTotal} chunks, last seen {lastSeen.ChunksDone} ({lastSeen.Status}), all exited in {stoppedAfter.TotalSeconds:F1} s; up again in {upAfter.TotalSeconds:F1} s; chunks computed after the restart {counter.Total} (not done before the stop {notDone}, allowance {allowance} at {rate:F0} chunks/s); chunk_retries {done.ChunkRetries}");
        Assert.InRange(counter.Total, 0, notDone + allowance);
        Assert.True(counter.Total < done.ChunksTotal, $"{counter.Total} chunks computed after the restart: it started over");
    }
}
