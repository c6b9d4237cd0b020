using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Api + 1 worker (Redis, one slot): a calculation of <paramref name="seconds"/> × the slot rate of /api/estimate;
/// <paramref name="joinAfter"/> seconds after the submit a second worker starts. t_join: when /api/cluster lists it. Ideal:
/// t_join + (points − rate × t_join) / (2 × rate) (goal ≤ 1.1 × ideal). Was measure_joining in benchmarks/e2e/adaptive.sh.
/// </summary>
public sealed class JoiningPart(double seconds, double joinAfter, string warmUp) : IBenchPart
{
    private const ulong Seed = 13;

    public string Name => "joining";

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        run.Say($"joining: Api + 1 worker, --Pi:Slots=1, a second joins {joinAfter}s after the submit");
        await using var cluster = await run.StartClusterAsync(1, siloArguments: ["--Pi:Slots=1"], cancellationToken: cancellationToken);
        await cluster.WarmUpAsync(Points.Of(warmUp), cancellationToken);
        var rate = Math.Round((await cluster.Calc.EstimateAsync(1_000_000_000, cancellationToken)).PointsPerSecondPerSlot);
        if (rate == 0)
        {
            throw new InvalidOperationException("joining: /api/estimate has no slot rate after the warm-up");
        }

        var points = (long)Math.Round(seconds * rate);
        run.Record("joining.rate", rate, "F0", "points_per_second_per_slot of /api/estimate after the warm-up");
        await run.MarkAsync(cancellationToken);
        var b = await run.BareAsync(points, 2, Seed, cancellationToken);
        run.Record("joining.bare-2-threads-s", KeyValues.Get(b, "seconds"), $"the exact count: {points} points, seed {Seed}, inside={KeyValues.Get(b, "inside")}");

        await run.MarkAsync(cancellationToken);
        var (submitted, clock) = await cluster.Calc.SubmitAsync(points, "distributed", Seed, cancellationToken);
        var waiting = cluster.Calc.WaitAsync(submitted.Id, clock, cancellationToken);
        var wait = TimeSpan.FromSeconds(joinAfter) - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        var added = cluster.Cluster.AddWorker();
        run.Say($"joining: started a second worker (pid {added.Process.Id})");
        double? tJoin = null;
        while (!waiting.IsCompleted)
        {
            if (await cluster.Cluster.ListedWorkersAsync(cancellationToken) >= 2)
            {
                tJoin = clock.Elapsed.TotalSeconds;
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        var j = await waiting;
        var host = await cluster.GrainHostAsync(submitted.Id, cancellationToken);
        double ideal;
        if (tJoin is { } t && t < j.WallS)
        {
            ideal = t + ((points - (rate * t)) / (2 * rate));
            run.Record("joining.listed-s", t, "F2", $"seconds after the submit until /api/cluster listed the second worker (started at {joinAfter}s)");
        }
        else
        {
            ideal = points / rate;
            run.Record("joining.listed-s", "", "the run ended before /api/cluster listed the second worker: ideal is points / rate");
        }

        run.Record("joining.time-s", j.Wall, string.Create(CultureInfo.InvariantCulture, $"{points} points, seed {Seed}; grain on {host}; {j.Detail}, silos={j.Silos}"));
        run.Record("joining.ideal-s", ideal, "F3", "t_join + (points - rate x t_join) / (2 x rate): one slot until listed, two after");
        run.Record("joining.ratio", BenchRun.Ratio(j.WallS, ideal), "time / ideal; goal <= 1.1");
        run.Record("joining.exact", SizesPart.Same(b, j), "inside equals the bare sampler's");
    }
}
