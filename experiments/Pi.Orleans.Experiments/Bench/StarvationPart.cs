using System.Globalization;
using Pi.Orleans.Experiments.Faults;
using Pi.Orleans.Experiments.Output;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Issue #22, defect 3: a worker under a 1-CPU limit, as the chart sets it, starved by its own chunks. redis-server, the Api and
/// one worker whose process starts inside a cgroup with a CPU quota of one core (100000 µs per 100000 µs, what Kubernetes writes
/// for `limits.cpu: 1`), so .NET sizes it for one processor (one slot, a pool of one thread) as in the pod. Full load: calculations
/// enough to keep the slot busy for about a minute. Counted in the worker's log over the load: Orleans' thread-pool stall warnings
/// and degraded local health; probed every half second: the pool's queue and how long /metrics and /health/live take to answer.
/// The baseline commit's Silo (<c>--baseline</c>, default main) and this tree's run in turns, in one run.
/// </summary>
public sealed class StarvationPart(string points, int calculations, int pairs, string baseline) : IBenchPart
{
    private const int Period = 100_000;
    private const ulong Seed = 22;

    public string Name => "starvation";

    public IReadOnlyList<string> Tools => ["git", "tar", "sh"];

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var cgroup = CgroupCpu.Find() ?? throw new ExperimentException("starvation needs a cgroup cpu controller (v1 or v2) to hold the worker to one CPU; none is mounted.");
        var (before, commit) = await BaselineSilo.BuildAsync(run, baseline, cancellationToken);
        var n = Points.Of(points);
        run.Say($"starvation: Api + 1 worker under a 1-CPU quota ({cgroup.Describe(Period, Period)}), {calculations} x {points} points at once, {pairs} pair(s) {baseline} / this tree");
        string[]? first = null;
        var exact = true;
        for (var pair = 1; pair <= pairs; pair++)
        {
            foreach (var (name, dll, what) in new[] { ("before", before, $"{baseline} {commit[..12]}"), ("after", run.SiloDll, "this tree") })
            {
                var inside = await MeasureAsync(run, cgroup, $"{name}{pair}", dll, what, n, cancellationToken);
                first ??= inside;
                exact &= inside.SequenceEqual(first);
            }
        }

        run.Record("starvation.exact", exact ? "1" : "0", $"every run's inside counts equal the first's (seeds {Seed}..{Seed + (ulong)calculations - 1})");
    }

    private async Task<string[]> MeasureAsync(BenchRun run, CgroupCpu cgroup, string name, string dll, string what, long n, CancellationToken cancellationToken)
    {
        var group = cgroup.Create($"pi-starve-{Environment.ProcessId}-{name}", Period, Period);
        try
        {
            await using var cluster = await run.StartClusterAsync(0, siloDll: dll, cancellationToken: cancellationToken);
            // The shell joins the group and execs the host, so that .NET reads the quota at start as it does in a pod.
            var worker = cluster.Cluster.AddWorker(["sh", "-c", $"echo $$ > {group}/cgroup.procs && exec \"$@\"", "sh"]);
            await worker.WaitReadyAsync(cancellationToken);
            await cluster.Cluster.WaitListedWorkersAsync(1, cancellationToken);
            var slots = (await cluster.Calc.ClusterAsync(cancellationToken)).Silos.Where(s => s.RunsChunks).Sum(s => s.SlotsTotal);
            await cluster.WarmUpAsync(Points.Of("2e9"), cancellationToken);
            var startUp = StallLines.Read(worker.LogPath!, 0, out var seen);

            await run.MarkAsync(cancellationToken);
            var loads = MachineInfo.LoadAverages();
            var pid = worker.Process.Id;
            var cpu0 = ProcessStats.CpuMs(pid);
            var probe = new PoolProbe(new Uri($"http://{worker.Host}:{worker.Ports.Http}/"));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var probing = probe.RunAsync(stop.Token);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var outcomes = await Task.WhenAll(Enumerable.Range(0, calculations).Select(i => cluster.Calc.RunAsync(n, "distributed", Seed + (ulong)i, cancellationToken)));
            var wall = clock.Elapsed.TotalSeconds;
            var cpu = ProcessStats.CpuMs(pid) - cpu0;
            await stop.CancelAsync();
            await probing;
            var stalls = StallLines.Read(worker.LogPath!, seen, out _);

            var p = $"starvation.{name}";
            var context = $"{what}; /proc/loadavg {loads} at the start";
            run.Record($"{p}.slots", slots.ToString(CultureInfo.InvariantCulture), $"{what}: slots of the worker under the quota (Pi:Slots=0, ProcessorCount)");
            run.Record($"{p}.wall-s", wall, "F1", string.Create(CultureInfo.InvariantCulture,
                $"{calculations} x {points} points at once; worker CPU {cpu / (10 * wall):F0}% of one core; {string.Join(' ', outcomes.Select(o => o.Calculation.Status))}; {context}"));
            run.Record($"{p}.pool-stalls", stalls.ThreadPool.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture,
                $"'.NET Thread Pool execution stalled' lines during the load, longest {stalls.LongestPoolStallS:0.00} s; 'Runtime Platform stalled' {stalls.Platform}; at start-up and warm-up: {startUp.ThreadPool} pool stalls, {startUp.Degraded} degraded; {context}"));
            run.Record($"{p}.degraded", stalls.Degraded.ToString(CultureInfo.InvariantCulture), $"'local health is degraded' lines during the load; {context}");
            run.Record($"{p}.probe-max-ms", probe.MaxMs, "F1", $"{probe.Summary()}; {context}");
            return [.. outcomes.Select(o => o.Inside)];
        }
        finally
        {
            cgroup.Remove(group);
        }
    }
}
