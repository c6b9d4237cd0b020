using System.Diagnostics;
using Pi.Orleans.Reliability.Tests.Infrastructure;

namespace Pi.Orleans.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
public sealed class FrontRestartTests(PiCluster cluster)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACalculationInFlightWhenTheFrontIsKilledContinuesAfterItRestartsWithTheSameCount()
    {
        await cluster.EnsureHealthyAsync(Token);
        var reference = await cluster.ReferenceAsync(Token);
        await using var counter = await ChunkCounter.StartAsync(() => cluster.ApiAddress, Token);
        var accepted = await cluster.Client.SubmitAsync(reference.Points, Workload.Seed, Token);
        var (before, rate) = await cluster.Client.WaitForProgressAsync(accepted.Id, 0.4, Workload.Bound, Token);
        Assert.False(before.IsFinished, $"the calculation ended before the kill: {before}");

        cluster.Api.Kill();
        var clock = Stopwatch.StartNew();
        await cluster.Api.StartAsync();
        await cluster.Api.WaitReadyAsync(Token);
        var readyAfter = clock.Elapsed;

        // A read activates the calculation grain again if it lived on the killed front; it resumes from its state in Redis.
        var done = await cluster.Client.WaitFinishedAsync(accepted.Id, Workload.Bound, Token);
        var completedAfter = clock.Elapsed;
        await counter.StopAsync(Token);
        var again = await cluster.Client.TryGetAsync(accepted.Id, Token);

        Assert.True(done.Status == "completed", $"{done}\n{cluster.Output()}");
        Assert.Equal(reference.Inside, done.ResultInside);
        Assert.Equal((done.Status, done.ResultInside, done.ChunksDone), (again?.Status, again?.ResultInside, again?.ChunksDone));

        // Computed twice at most: the chunks finished since the last state write, and those in flight when the front died.
        var repeated = counter.Total - done.ChunksTotal;
        var allowed = reference.UnsavedChunks(rate);
        Measured.Report($"front killed at {before.Progress:P0}: ready again after {readyAfter.TotalSeconds:F1} s, completed {completedAfter.TotalSeconds:F1} s after the kill (undisturbed rest {(1 - before.Progress) * reference.Duration.TotalSeconds:F1} s); chunks computed {counter.Total} for {done.ChunksTotal} (repeated {repeated}, allowed {allowed} at {rate:F0} chunks/s); chunk_retries {done.ChunkRetries}");
        Assert.InRange(repeated, 0, allowed);
    }
}
