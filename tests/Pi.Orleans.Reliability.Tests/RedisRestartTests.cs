using System.Diagnostics;
using Pi.Orleans.Reliability.Tests.Infrastructure;

namespace Pi.Orleans.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
public sealed class RedisRestartTests(PiCluster cluster)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACalculationRunningWhileRedisRestartsCompletesWithTheRightCountOrFailsWithAReason()
    {
        await cluster.EnsureHealthyAsync(Token);
        var reference = await cluster.ReferenceAsync(Token);
        var accepted = await cluster.Client.SubmitAsync(reference.Points, Workload.Seed, Token);
        var before = await cluster.Client.WaitUntilAsync(accepted.Id, c => c.Progress >= 0.4 || c.IsFinished, Workload.Bound, Token);
        Assert.False(before.IsFinished, $"the calculation ended before Redis was killed: {before}");

        cluster.Redis.Kill();
        var clock = Stopwatch.StartNew();

        // The outage itself: Redis stays down this long before it comes back on the same port and data folder (AOF).
        await Task.Delay(Outage, Token);
        await cluster.Redis.RestartAsync(Token);
        var backAfter = clock.Elapsed;
        var done = await cluster.Client.WaitFinishedAsync(accepted.Id, Workload.Bound, Token);
        var endedAfter = clock.Elapsed;

        Measured.Report($"Redis killed at {before.Progress:P0}, back after {backAfter.TotalSeconds:F1} s; calculation {done.Status} {endedAfter.TotalSeconds:F1} s after the kill, chunk_retries {done.ChunkRetries}, error {done.Error ?? "none"}");
        if (done.Status == "completed")
        {
            Assert.Equal(reference.Inside, done.ResultInside);
            Assert.Equal(reference.Points, done.ResultTotal);
        }
        else
        {
            Assert.Equal("failed", done.Status);
            Assert.False(string.IsNullOrWhiteSpace(done.Error), $"failed without a reason: {done}");
            Assert.Null(done.ResultInside);
        }

        await cluster.EnsureHealthyAsync(Token);
    }
}
