using System.Diagnostics;
using Pi.Orleans.Reliability.Tests.Infrastructure;

namespace Pi.Orleans.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
public sealed class WorkerKillTests(PiCluster cluster)
{
    // Ten kills at ten different progress points, two per calculation, each on another worker than the one before.
    private static readonly (double First, double Second)[] KillsPerCalculation =
        [(0.03, 0.48), (0.12, 0.57), (0.21, 0.66), (0.30, 0.75), (0.39, 0.84)];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryCalculationGetsTheUndisturbedCountWhenWorkersAreKilledAtTenProgressPoints()
    {
        await cluster.EnsureHealthyAsync(Token);
        var reference = await cluster.ReferenceAsync(Token);
        var kills = 0;
        foreach (var (first, second) in KillsPerCalculation)
        {
            var failedReads = cluster.Client.FailedReads;
            var accepted = await cluster.Client.SubmitAsync(reference.Points, Workload.Seed, Token);
            var killedAt = new List<string>();
            var sinceLastKill = new Stopwatch();
            var remainingAtLastKill = 0.0;
            foreach (var progress in new[] { first, second })
            {
                var before = await cluster.Client.WaitUntilAsync(accepted.Id, c => c.Progress >= progress || c.IsFinished, Workload.Bound, Token);
                Assert.False(before.IsFinished, before.Status == "failed"
                    ? $"the calculation failed after {string.Join(" and ", killedAt)} was killed: {before.Error}\n{cluster.Output()}"
                    : $"the calculation ended before the kill at {progress:P0}: {before}");
                var worker = cluster.Workers[kills++ % cluster.Workers.Count];
                worker.Kill();
                sinceLastKill.Restart();
                remainingAtLastKill = 1 - before.Progress;
                killedAt.Add($"{worker.Name} at {before.Progress:P0}");

                // Back at once on the same Orleans ports; it rejoins while the calculation goes on.
                await worker.StartAsync();
            }

            var done = await cluster.Client.WaitFinishedAsync(accepted.Id, Workload.Bound, Token);
            var afterKill = sinceLastKill.Elapsed;

            Assert.True(done.Status == "completed", $"{done}\n{cluster.Output()}");
            Assert.Equal(reference.Inside, done.ResultInside);
            Assert.Equal(reference.Points, done.ResultTotal);
            Measured.Report($"killed {string.Join(" and ", killedAt)}: completed {afterKill.TotalSeconds:F1} s after the last kill (undisturbed rest {remainingAtLastKill * reference.Duration.TotalSeconds:F1} s), duration {done.DurationMs / 1000:F1} s vs {reference.Duration.TotalSeconds:F1} s, chunk_retries {done.ChunkRetries}, failed reads {cluster.Client.FailedReads - failedReads}");
            await cluster.EnsureHealthyAsync(Token);
        }

        Assert.Equal(10, kills);
    }
}
