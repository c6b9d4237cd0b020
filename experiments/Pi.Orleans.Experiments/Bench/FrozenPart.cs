using System.Globalization;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Api + 2 workers (Redis, one slot each): a healthy run, then the same calculation with one worker SIGSTOPped once the progress
/// passes 25% and kept stopped until the run ends (goal: frozen ≤ 2 × healthy). The stopped worker is one that does not host the
/// calculation grain. Was measure_frozen in benchmarks/e2e/adaptive.sh.
/// </summary>
public sealed class FrozenPart(string points, string warmUp) : IBenchPart
{
    private const ulong Seed = 7;

    public string Name => "frozen";

    public IReadOnlyList<string> Tools => ["kill"];

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var n = Points.Of(points);
        run.Say($"frozen: Api + 2 workers, --Pi:Slots=1 each, {points} points");
        await using var cluster = await run.StartClusterAsync(2, siloArguments: ["--Pi:Slots=1"], cancellationToken: cancellationToken);
        await cluster.WarmUpAsync(Points.Of(warmUp), cancellationToken);
        await run.MarkAsync(cancellationToken);
        var b = await run.BareAsync(n, 2, Seed, cancellationToken);
        run.Record("frozen.bare-2-threads-s", KeyValues.Get(b, "seconds"), $"the exact count: seed {Seed}, inside={KeyValues.Get(b, "inside")}");
        await run.MarkAsync(cancellationToken);
        var h = await cluster.Calc.RunAsync(n, "distributed", Seed, cancellationToken);
        run.Record("frozen.healthy-s", h.Wall, $"seed {Seed}; {h.Detail}, silos={h.Silos}");
        run.Record("frozen.healthy-exact", SizesPart.Same(b, h), "inside equals the bare sampler's");

        await run.MarkAsync(cancellationToken);
        var (submitted, clock) = await cluster.Calc.SubmitAsync(n, "distributed", Seed, cancellationToken);
        var waiting = cluster.Calc.WaitAsync(submitted.Id, clock, cancellationToken);
        var host = await cluster.GrainHostAsync(submitted.Id, cancellationToken);
        var victim = host == "worker-1" ? 2 : 1;
        var progress = await cluster.Calc.UntilAsync(submitted.Id, 0.25, cancellationToken);
        var at = clock.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + "s";
        CalcOutcome f;
        if (!progress.IsFinished)
        {
            OsProcess.Pause(cluster.WorkerPid(victim));
            run.Say($"frozen: worker-{victim} (pid {cluster.WorkerPid(victim)}) stopped at progress {progress.Progress:F3}, {at}");
            try
            {
                f = await waiting;
            }
            finally
            {
                OsProcess.Resume(cluster.WorkerPid(victim));
            }
        }
        else
        {
            run.Say("frozen: the calculation ended before 25% was seen; nothing stopped");
            at = "never (ended first)";
            f = await waiting;
        }

        run.Record("frozen.frozen-s", f.Wall,
            string.Create(CultureInfo.InvariantCulture, $"worker-{victim} SIGSTOPped at progress {progress.Progress:F3} ({at}) until the end; grain on {host}; {f.Detail}, status={f.Calculation.Status}"));
        run.Record("frozen.frozen-exact", SizesPart.Same(b, f), "inside equals the bare sampler's");
        run.Record("frozen.chunk-retries", f.Calculation.ChunkRetries.ToString(CultureInfo.InvariantCulture), "the frozen run's");
        run.Record("frozen.ratio", BenchRun.Ratio(f.WallS, h.WallS), "frozen s / healthy s; goal <= 2.0");
    }
}
