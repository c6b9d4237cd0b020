using System.Globalization;
using Pi.Orleans.Experiments.Faults;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Api + 2 workers (Redis, one slot each): a healthy run gives the slot rate (points / (2 × healthy s)); then the same
/// calculation with worker-2 held to 30% of one CPU for the whole run. Ideal: the points at 1.3 slots' rate (goal ≤ 1.15 × ideal).
/// Was measure_slow in benchmarks/e2e/adaptive.sh.
/// </summary>
public sealed class SlowPart(string points, string warmUp, bool dutyOnly) : IBenchPart
{
    private const ulong Seed = 11;

    public string Name => "slow";

    public IReadOnlyList<string> Tools => ["kill", "bash"];

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var n = Points.Of(points);
        run.Say($"slow: Api + 2 workers, --Pi:Slots=1 each, one held to 30% of a CPU, {points} points");
        await using var cluster = await run.StartClusterAsync(2, siloArguments: ["--Pi:Slots=1"], cancellationToken: cancellationToken);
        await cluster.WarmUpAsync(Points.Of(warmUp), cancellationToken);
        await run.MarkAsync(cancellationToken);
        var h = await cluster.Calc.RunAsync(n, "distributed", Seed, cancellationToken);
        var rate = Math.Round(n / (2 * h.WallS));
        run.Record("slow.healthy-s", h.Wall, string.Create(CultureInfo.InvariantCulture, $"seed {Seed}; slot rate points / (2 x healthy s) = {rate:F0}; chunks_total={h.Calculation.ChunksTotal}"));

        await run.MarkAsync(cancellationToken);
        var pid = cluster.WorkerPid(2);
        CalcOutcome s;
        string how;
        long cpu;
        // The chaos soak's throttle: a cgroup cpu quota where one can be written, else the SIGSTOP/SIGCONT duty cycle.
        using (var throttle = CpuThrottle.Create($"bench{Environment.ProcessId}", cgroups: !dutyOnly))
        {
            var cpu0 = ProcessStats.CpuMs(pid);
            run.Say($"slow: worker-2 (pid {pid}): {throttle.Description}");
            CalcOutcome? held = null;
            how = await throttle.HoldAsync(pid, "worker-2", async () => held = await cluster.Calc.RunAsync(n, "distributed", Seed, cancellationToken));
            s = held!;
            cpu = ProcessStats.CpuMs(pid) - cpu0;
        }

        var host = await cluster.GrainHostAsync(s.Calculation.Id, cancellationToken);
        var ideal = n / (rate * 1.3);
        run.Record("slow.slow-s", s.Wall, string.Create(CultureInfo.InvariantCulture,
            $"worker-2 held by {how}; it used {cpu / (10 * s.WallS):F0}% of one CPU over the run; grain on {host}; {s.Detail}"));
        run.Record("slow.ideal-s", ideal, "F3", "points / (rate x 1.3), rate from the healthy run");
        run.Record("slow.ratio", BenchRun.Ratio(s.WallS, ideal), "slow s / ideal s; goal <= 1.15");
        run.Record("slow.exact", h.Inside.Length > 0 && h.Inside == s.Inside ? "1" : "0", "inside equals the healthy run's (same seed)");
    }
}
