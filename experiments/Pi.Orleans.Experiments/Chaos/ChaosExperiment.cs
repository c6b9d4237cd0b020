using Pi.Orleans.Experiments.Faults;
using System.Diagnostics;
using Pi.Orleans.Experiments.Load;
using Pi.Orleans.Experiments.Verification;
using Pi.Orleans.Harness;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>
/// `experiments chaos`: the cluster on its own network, continuous load, the seeded faults, then every accepted
/// calculation checked against its count computed here. The processes' logs stay in <see cref="ChaosResult.LogDirectory"/>.
/// </summary>
public sealed class ChaosExperiment(IAnsiConsole console, ChaosOptions options, LoadMenu menu)
{
    public async Task<ChaosResult> RunAsync(CancellationToken cancellationToken)
    {
        var hosts = HostBinaries.Find(options.RepositoryRoot, options.Configuration);
        var logDirectory = Directory.CreateTempSubdirectory("pi-chaos-").FullName;
        var startedAt = DateTimeOffset.UtcNow;
        using var network = NetworkLab.Create(options.Network, options.Tag);
        using var throttle = CpuThrottle.Create(options.Tag);
        await using var cluster = new ChaosCluster(hosts, network, options, logDirectory);
        console.MarkupLine($"Network: {Markup.Escape(network.Description)}. Slow fault: {Markup.Escape(throttle.Description)}. Logs: {Markup.Escape(logDirectory)}");
        await cluster.StartAsync(cancellationToken);
        console.MarkupLine($"Redis (AOF), the Api and {options.Workers} workers are up; load and faults for {options.Duration.TotalSeconds:0} s.");

        var clock = Stopwatch.StartNew();
        var memory = MemoryReading.Take(cluster, "start").ToList();
        using var generator = new LoadGenerator(cluster.ApiAddress, cluster.ApiKey, requestTimeout: Timeout.InfiniteTimeSpan);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var load = generator.Start(new ChaosMenuProfile(menu, options.DistributedInFlight, options.Seed, options.Duration, options.DrainTimeout), clock, stopLoad.Token);
        var faults = new FaultInjector(cluster, network, throttle, clock, console);
        var monitor = new ChaosMonitor(cluster, load, faults, clock);
        using var stopMonitor = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitorTask = monitor.RunAsync(stopMonitor.Token);
        var schedule = FaultSchedule.Build(options.Seed, options.Duration);
        LoadResult loaded;
        string? whole;
        try
        {
            await faults.RunAsync(schedule, cancellationToken);
            var left = options.Duration - clock.Elapsed;
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, cancellationToken);
            }

            // The load stops submitting at its duration and drains (at most DrainTimeout) while the cluster is repaired.
            console.MarkupLine($"Load stopped at {clock.Elapsed.TotalSeconds:0} s; repairing and draining.");
            await cluster.ReplaceExitedWorkersAsync(cancellationToken);
            whole = await WholeAsync(cluster, cancellationToken);
            loaded = await load.Result;
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            await stopLoad.CancelAsync();
            await stopMonitor.CancelAsync();
            await Task.WhenAll(load.Result, monitorTask);
        }

        memory.AddRange(MemoryReading.Take(cluster, "end"));
        var unexpected = cluster.Members
            .Where(m => m.Process is { HasExited: true } && !m.ExpectedExit && m.Role == ChaosRole.Worker
                || m.Role != ChaosRole.Worker && m.Process is { HasExited: true })
            .Select(m => $"{m.Name}#{m.Starts}").ToList();

        console.MarkupLine("Computing the expected counts here …");
        var calculations = Check(loaded.Calculations, cluster, cancellationToken);
        var invariants = Invariants(calculations, loaded.Tally, whole, drained: loaded.Overdue.Count == 0, unexpected);
        return new ChaosResult(options, network.Description, throttle.Description, schedule, faults.Done, calculations, loaded.Tally, monitor.Samples,
            memory, unexpected, invariants, startedAt, clock.Elapsed, logDirectory);
    }

    private static List<CheckedCalculation> Check(IReadOnlyList<TrackedCalculation> calculations, ChaosCluster cluster, CancellationToken cancellationToken)
    {
        var expected = ExpectedCounts.Compute(calculations.Select(c => (c.Seed, c.Request.Points)), cancellationToken);
        var logs = Directory.EnumerateFiles(Path.GetDirectoryName(cluster.Members[0].Process!.LogPath!)!, "worker-*.log");
        var chunks = ChunkLedger.Read(logs);
        return [.. calculations.Select(c =>
        {
            var (attempts, twice) = chunks.GetValueOrDefault(c.Latest.Id.ToString("N"));
            return new CheckedCalculation(c, expected[(c.Seed, c.Request.Points)], attempts, twice);
        })];
    }

    private static async Task<string?> WholeAsync(ChaosCluster cluster, CancellationToken cancellationToken)
    {
        try
        {
            await cluster.WaitListedAsync(cluster.Workers.Count, cancellationToken);
            return null;
        }
        catch (ExperimentException e)
        {
            return e.Message;
        }
    }

    private static List<Invariant> Invariants(
        IReadOnlyList<CheckedCalculation> calculations, IReadOnlyList<(string Request, string Answer, int Count)> answers, string? notWhole, bool drained, IReadOnlyList<string> unexpected)
    {
        var notFinal = calculations.Where(c => !c.IsFinal).ToList();
        var wrong = calculations.Where(c => c.Status == "completed" && c.ResultInside != c.Expected).ToList();
        var lost = calculations.Where(c => !c.IsFinal && c.NotFound > 0).ToList();
        var failedSilently = calculations.Where(c => c.Status == "failed" && string.IsNullOrWhiteSpace(c.Error)).ToList();
        var bad5xx = answers.Where(r => r.Answer.StartsWith('5') && r.Answer != "503+Retry-After").ToList();
        return
        [
            new("every accepted calculation reached a final status", notFinal.Count == 0 && drained,
                notFinal.Count == 0 ? $"{calculations.Count} of {calculations.Count}" : $"{notFinal.Count} not final: " + Ids(notFinal)),
            new("every completed calculation has the expected result_inside (each chunk counted once)", wrong.Count == 0,
                wrong.Count == 0 ? $"{calculations.Count(c => c.Status == "completed")} completed, all exact" : $"{wrong.Count} wrong: " + Ids(wrong)),
            new("no accepted calculation was lost", lost.Count == 0, lost.Count == 0 ? "none answered 404" : $"{lost.Count} lost: " + Ids(lost)),
            new("a failed calculation says why", failedSilently.Count == 0,
                $"{calculations.Count(c => c.Status == "failed")} failed" + (failedSilently.Count == 0 ? "" : $", {failedSilently.Count} without an error")),
            new("no 5xx answer other than 503 with Retry-After", bad5xx.Count == 0,
                bad5xx.Count == 0 ? "none" : string.Join(", ", bad5xx.Select(r => $"{r.Request} {r.Answer} ×{r.Count}"))),
            new("the cluster is whole afterwards and no process died unbidden", notWhole is null && unexpected.Count == 0,
                (notWhole ?? "every running worker listed") + (unexpected.Count == 0 ? "" : "; exited unbidden: " + string.Join(", ", unexpected))),
        ];
    }

    private static string Ids(IEnumerable<CheckedCalculation> calculations) =>
        string.Join(", ", calculations.Take(5).Select(c => $"{c.Id} ({c.Mode}, {c.Status})"));
}
