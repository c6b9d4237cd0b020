using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// 16 hey clients posting single 10^6-point calculations, embedded and Api + 2 Silos (Redis), then the same with 65,536 points
/// (one block: the service's own cost apart from sampling), beside GET /health/live on the same process (no grain, no body: what
/// Kestrel and hey alone reach); the service's CPU per request from /proc. The per-client rate limit
/// is raised (the default would answer the rest 429); the active-calculation limits stay. Was measure_requests in e2e/service.sh.
/// </summary>
public sealed class RequestsPart(int seconds) : IBenchPart
{
    private static readonly string[] Limits = ["--Limits:SubmissionsPerMinutePerClient=10000000"];

    public string Name => "requests";

    public IReadOnlyList<string> Tools => ["hey"];

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        foreach (var setup in new[] { "embedded", "redis-2-workers" })
        {
            run.Say($"requests: {setup}, 16 clients, {seconds}s");
            await using var cluster = setup == "embedded"
                ? await run.StartEmbeddedAsync(Limits, cancellationToken: cancellationToken)
                : await run.StartClusterAsync(2, apiArguments: Limits, cancellationToken: cancellationToken);
            var key = cluster.Cluster.IsEmbedded ? null : run.Options.ApiKey;
            await Hey.RunAsync(cluster.Cluster.ApiAddress, 16, 1_000_000, key, cancellationToken, TimeSpan.FromSeconds(5)); // warm-up
            await run.MarkAsync(cancellationToken);
            var (line, cpu) = await MeasureAsync(cluster, 1_000_000, key, cancellationToken);
            run.Record($"requests.{setup}.rps", line.Rps, "F0", $"hey -z {seconds}s -c 16, single 10^6 points; answers {line.Codes}");
            run.Record($"requests.{setup}.p50-ms", line.P50Ms, "F1");
            run.Record($"requests.{setup}.p99-ms", line.P99Ms, "F1");
            run.Record($"requests.{setup}.cpu-ms-per-request", PerRequest(cpu, line), "F3", "service processes' CPU (user + system) over the run");

            // The baseline: a route that calls no grain, on the same process and clients.
            await run.MarkAsync(cancellationToken);
            var before = ProcessStats.CpuMs(cluster.ServicePids);
            var health = await Hey.GetAsync(cluster.Cluster.ApiAddress, "health/live", 16, TimeSpan.FromSeconds(seconds), cancellationToken);
            run.Record($"requests.{setup}.health-live.rps", health.Rps, "F0",
                string.Create(CultureInfo.InvariantCulture, $"GET /health/live, 16 clients; p50 {health.P50Ms:F1} ms, p99 {health.P99Ms:F1} ms; answers {health.Codes}"));
            run.Record($"requests.{setup}.health-live.cpu-ms-per-request", PerRequest(ProcessStats.CpuMs(cluster.ServicePids) - before, health), "F3");

            // The service's own cost apart from sampling: the same with 65,536 points (one block) per request.
            await run.MarkAsync(cancellationToken);
            (line, cpu) = await MeasureAsync(cluster, 65_536, key, cancellationToken);
            run.Record($"requests.{setup}.one-block.rps", line.Rps, "F0",
                string.Create(CultureInfo.InvariantCulture, $"the same with 65,536 points per request; p50 {line.P50Ms:F1} ms, p99 {line.P99Ms:F1} ms; answers {line.Codes}"));
            run.Record($"requests.{setup}.one-block.cpu-ms-per-request", PerRequest(cpu, line), "F3", "the service's own CPU per request, sampling all but excluded");
        }
    }

    private async Task<(Hey.Result Line, long CpuMs)> MeasureAsync(BenchCluster cluster, long points, string? key, CancellationToken cancellationToken)
    {
        var before = ProcessStats.CpuMs(cluster.ServicePids);
        var line = await Hey.RunAsync(cluster.Cluster.ApiAddress, 16, points, key, cancellationToken, TimeSpan.FromSeconds(seconds));
        return (line, ProcessStats.CpuMs(cluster.ServicePids) - before);
    }

    private double PerRequest(long cpuMs, Hey.Result line) => line.Rps == 0 ? double.NaN : cpuMs / (line.Rps * seconds);
}
