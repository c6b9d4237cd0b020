using System.Globalization;
using Pi.Orleans.Experiments.Load;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// The load test: redis-server (AOF on), two workers and the Api under the load generator's mix profile; latency per request
/// kind, the answers by status code, the RSS of the Api and each worker after the warm-up and at the end, and what each
/// silo's /metrics says. Fails on any error answer or RSS growth over <paramref name="maxGrowthPercent"/>. All clients share
/// one key, so the admission limits are raised: this measures capacity, not admission. Was benchmarks/load/run-load.sh.
/// </summary>
public sealed class LoadTestPart(int clients, int warmupSeconds, int durationSeconds, double maxGrowthPercent) : IBenchPart
{
    public string Name => "mix";

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["Limits__MaxActiveCalculations"] = "100000",
            ["Limits__MaxActiveCalculationsPerClient"] = "100000",
            ["Limits__SubmissionsPerMinutePerClient"] = "10000000",
            ["Limits__MaxConcurrentSingleRequests"] = "100000",
            // Request logs at Information would cost more CPU than the requests themselves.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var cluster = await run.StartClusterAsync(2, environment: environment, redisAppendOnly: true, cancellationToken: cancellationToken);
        var members = cluster.Cluster.Workers.Select(w => (Name: w.Name, Member: w)).Prepend((Name: "api", Member: cluster.Cluster.Api)).ToList();
        run.Say($"load: {clients} clients, {warmupSeconds} s warm-up + {durationSeconds} s measured");
        using var load = new LoadGenerator(cluster.Cluster.ApiAddress, run.Options.ApiKey, TimeSpan.FromSeconds(30), clients);
        using var metrics = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var profile = new MixProfile(clients, TimeSpan.FromSeconds(warmupSeconds), TimeSpan.FromSeconds(durationSeconds), 100_000_000, 1_000_000,
            TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100));
        await run.MarkAsync(cancellationToken);
        var running = load.RunAsync(profile, cancellationToken);
        await Task.Delay(profile.Warmup, cancellationToken);
        var afterWarmup = members.Select(m => ProcessStats.RssMb(m.Member.Process.Id)).ToList();
        var metricsAfterWarmup = await Task.WhenAll(members.Select(m => SiloMetrics.ReadAsync(metrics, new Uri($"http://{m.Member.Host}:{m.Member.Ports.Http}/"), cancellationToken)));
        await Task.Delay(profile.Duration, cancellationToken);
        var atEnd = members.Select(m => ProcessStats.RssMb(m.Member.Process.Id)).ToList();
        var metricsAtEnd = await Task.WhenAll(members.Select(m => SiloMetrics.ReadAsync(metrics, new Uri($"http://{m.Member.Host}:{m.Member.Ports.Http}/"), cancellationToken)));
        var result = await running;

        foreach (var kind in result.Kinds.Append("all"))
        {
            var k = kind == "all" ? null : kind;
            run.Record($"load.{kind.Replace(' ', '-')}.rps", result.Rate(k), "F1", string.Create(CultureInfo.InvariantCulture,
                $"requests={result.Requests.Count(r => k is null || r.Kind == k)}, p50_ms={result.Percentile(50, k):F1}, p99_ms={result.Percentile(99, k):F1}, max_ms={result.Max(k):F1}"));
        }

        run.Record("load.errors", result.Errors.ToString(CultureInfo.InvariantCulture),
            $"{profile.Describe()}; answers: {string.Join(", ", result.Tally.Select(t => $"{t.Kind} {t.Answer}x{t.Count}"))}; failed or cancelled: {result.Calculations.Count(c => c.Failed)}; still running after 120 s: {result.Overdue.Count}");
        var grown = false;
        for (var i = 0; i < members.Count; i++)
        {
            var growth = afterWarmup[i] > 0 ? (atEnd[i] - afterWarmup[i]) * 100.0 / afterWarmup[i] : double.NaN;
            grown |= growth > maxGrowthPercent;
            run.Record($"load.rss.{members[i].Name}.growth-%", growth, "+0.0;-0.0",
                $"after_warmup_mib={afterWarmup[i]} end_mib={atEnd[i]}; metrics after warm-up: {metricsAfterWarmup[i]}; at end: {metricsAtEnd[i]}");
        }

        run.Record("load.memory-within-limit", grown ? "0" : "1", $"every process within {maxGrowthPercent}% RSS growth");
        if (result.Errors > 0 || grown)
        {
            run.Fail($"load: {result.Errors} errors, memory growth within {maxGrowthPercent}%: {(grown ? "no" : "yes")}");
        }
    }
}
