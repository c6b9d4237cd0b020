using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Rounds of single calculations from 16 hey clients against the embedded default (rate limit raised); RSS after each round,
/// under each GC setting. Was measure_soak in benchmarks/e2e/service.sh.
/// </summary>
public sealed class SoakPart(int rounds, int requests) : IBenchPart
{
    public string Name => "soak";

    public IReadOnlyList<string> Tools => ["hey"];

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        foreach (var variant in new[] { "default", "GCConserveMemory=5", "gcServer=0" })
        {
            run.Say($"soak: {rounds} x {requests}, {variant}");
            await using var cluster = await run.StartEmbeddedAsync(["--Limits:SubmissionsPerMinutePerClient=10000000"], DotnetVariant.Environment(variant), cancellationToken);
            var pid = cluster.ApiPid;
            await run.MarkAsync(cancellationToken);
            var rss = new List<long>();
            for (var round = 1; round <= rounds; round++)
            {
                var line = await Hey.RunAsync(cluster.Cluster.ApiAddress, 16, 1_000_000, null, cancellationToken, requests: requests);
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                rss.Add(ProcessStats.RssMb(pid));
                run.Log.WriteLine($"  round {round}: RSS {rss[^1]} MB, answers {line.Codes}");
            }

            run.Record($"soak.{variant}.rss-round-2-mb", rss[Math.Min(1, rss.Count - 1)].ToString(CultureInfo.InvariantCulture), $"after {2 * requests} calculations");
            run.Record($"soak.{variant}.rss-round-{rounds}-mb", rss[^1].ToString(CultureInfo.InvariantCulture),
                $"after {rounds * requests} calculations; rounds: {string.Join(' ', rss)}; {ProcessStats.RssParts(pid)}");
            run.Record($"soak.{variant}.growth", (double)rss[^1] / rss[Math.Min(1, rss.Count - 1)], "F2", $"RSS round {rounds} / round 2");
        }
    }
}
