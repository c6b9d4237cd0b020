using System.Globalization;
using Pi.Orleans.Experiments.Load;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Single 10^6-point calculations from 16 closed-loop clients (the load generator, in this process, sharing the cores as the
/// old LoadGen process did), embedded and Api + 2 Silos (Redis); then one client. All clients share one address and key, so
/// the per-client admission limits are lifted. Was benchmarks/e2e/latency.sh.
/// </summary>
public sealed class LatencyPart(int requests) : IBenchPart
{
    private static readonly string[] Limits = ["--Limits:SubmissionsPerMinutePerClient=10000000", "--Limits:MaxActiveCalculationsPerClient=1000"];
    private static readonly RequestShape Single = new("single", 1_000_000);

    public string Name => "latency";

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        foreach (var setup in new[] { "embedded", "redis-2-workers" })
        {
            run.Say($"latency: {setup}, {requests} requests, 16 clients");
            await using var cluster = setup == "embedded"
                ? await run.StartEmbeddedAsync(Limits, cancellationToken: cancellationToken)
                : await run.StartClusterAsync(2, apiArguments: Limits, cancellationToken: cancellationToken);
            using var load = new LoadGenerator(cluster.Cluster.ApiAddress, cluster.Cluster.IsEmbedded ? null : run.Options.ApiKey);
            await run.MarkAsync(cancellationToken);
            var warmUp = Math.Max(16 * 4, requests / 10);
            var cpuBefore = ProcessStats.CpuMs(cluster.ServicePids);
            var result = await load.RunAsync(new ClosedLoopProfile(16, Single, requests, WarmupRequests: warmUp), cancellationToken);
            var cpu = ProcessStats.CpuMs(cluster.ServicePids) - cpuBefore;
            var note = string.Create(CultureInfo.InvariantCulture, $"16 clients, {requests} requests of 10^6 points single, rps={result.Rate():F0}, errors={result.Errors}");
            run.Record($"latency.{setup}.p50-ms", result.Percentile(50), "F2", note);
            run.Record($"latency.{setup}.p90-ms", result.Percentile(90), "F2");
            run.Record($"latency.{setup}.p99-ms", result.Percentile(99), "F2");
            run.Record($"latency.{setup}.max-ms", result.Max(), "F2");
            run.Record($"latency.{setup}.errors", result.Errors.ToString(CultureInfo.InvariantCulture), string.Join(", ", result.Tally.Select(t => $"{t.Answer}x{t.Count}")));
            // Why: the service CPU per request (warm-up included) bounds the rate; with 16 closed-loop clients p50 ≈ 16 / rate.
            run.Record($"latency.{setup}.cpu-ms-per-request", (double)cpu / (requests + warmUp), "F2", "Api and worker CPU (user + system) over the run and its warm-up, per request");

            await run.MarkAsync(cancellationToken);
            var one = await load.RunAsync(new ClosedLoopProfile(1, Single, requests / 5, WarmupRequests: Math.Max(4, requests / 50)), cancellationToken);
            run.Record($"latency.{setup}.1-client-p50-ms", one.Percentile(50), "F2", string.Create(CultureInfo.InvariantCulture, $"one client, {requests / 5} requests: the latency without queueing, rps={one.Rate():F0}"));
            run.Record($"latency.{setup}.1-client-p99-ms", one.Percentile(99), "F2");
        }
    }
}
