namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Idle RSS of the embedded Api with the dashboard on (not yet opened, then opened), off, under each GC setting; and of an idle
/// worker. Was measure_idle in benchmarks/e2e/service.sh.
/// </summary>
public sealed class IdlePart(int seconds) : IBenchPart
{
    public string Name => "idle";

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var idle = TimeSpan.FromSeconds(seconds);
        foreach (var variant in new[] { "default", "GCConserveMemory=5", "gcServer=0" })
        {
            await using var cluster = await run.StartEmbeddedAsync(environment: DotnetVariant.Environment(variant), cancellationToken: cancellationToken);
            var pid = cluster.ApiPid;
            await Task.Delay(idle, cancellationToken);
            await run.MarkAsync(cancellationToken);
            run.Record($"idle.{variant}.api-mb", Mb(pid), $"embedded, dashboard on, not opened, {seconds}s after ready: {ProcessStats.RssParts(pid)}");
            using var http = new HttpClient { BaseAddress = cluster.Cluster.ApiAddress };
            (await http.GetAsync("dashboard/", cancellationToken)).EnsureSuccessStatusCode();
            (await http.GetAsync("dashboard/index.min.js", cancellationToken)).EnsureSuccessStatusCode();
            await Task.Delay(idle, cancellationToken);
            run.Record($"idle.{variant}.api-dashboard-opened-mb", Mb(pid), $"after the dashboard page and script were served: {ProcessStats.RssParts(pid)}");
        }

        await using (var cluster = await run.StartEmbeddedAsync(["--Dashboard:Enabled=false"], cancellationToken: cancellationToken))
        {
            await Task.Delay(idle, cancellationToken);
            await run.MarkAsync(cancellationToken);
            run.Record("idle.default.api-no-dashboard-mb", Mb(cluster.ApiPid), $"--Dashboard:Enabled=false: {ProcessStats.RssParts(cluster.ApiPid)}");
        }

        await using (var cluster = await run.StartClusterAsync(1, cancellationToken: cancellationToken))
        {
            await Task.Delay(idle, cancellationToken);
            await run.MarkAsync(cancellationToken);
            run.Record("idle.default.worker-mb", Mb(cluster.WorkerPid(1)), $"worker Silo, Redis mode: {ProcessStats.RssParts(cluster.WorkerPid(1))}");
        }
    }

    private static string Mb(int pid) => ProcessStats.RssMb(pid).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
