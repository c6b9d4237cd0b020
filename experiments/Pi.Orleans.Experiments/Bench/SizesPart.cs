using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// The embedded default (the Api alone, its own slots) after a warm-up, each size against the bare sampler on 2 threads in the
/// same run, alternating; the ratio of the medians (goal ≥ 0.95 from 10^10 up). Was measure_sizes in benchmarks/e2e/adaptive.sh.
/// </summary>
public sealed class SizesPart(int repeats, string warmUp, IReadOnlyList<string> sizes) : IBenchPart
{
    public string Name => "sizes";

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        run.Say("sizes: embedded default (the Api alone) against the bare sampler on 2 threads");
        await using var cluster = await run.StartEmbeddedAsync(cancellationToken: cancellationToken);
        run.Record("sizes.slots", (await cluster.Calc.ClusterAsync(cancellationToken)).SlotsTotal.ToString(CultureInfo.InvariantCulture), "the embedded Api's chunk slots (/api/cluster)");
        await cluster.WarmUpAsync(Points.Of(warmUp), cancellationToken);
        foreach (var size in sizes)
        {
            run.Say($"sizes: {size} points, {repeats} repeat(s)");
            for (var r = 1; r <= repeats; r++)
            {
                await run.MarkAsync(cancellationToken);
                var b = await run.BareAsync(Points.Of(size), 2, (ulong)r, cancellationToken);
                run.Record($"sizes.{size}.bare-s", KeyValues.Get(b, "seconds"), $"2 threads, seed {r}, inside={KeyValues.Get(b, "inside")}");
                await run.MarkAsync(cancellationToken);
                var c = await cluster.Calc.RunAsync(Points.Of(size), "distributed", (ulong)r, cancellationToken);
                run.Record($"sizes.{size}.service-s", c.Wall, $"HTTP wall, seed {r}; same count as the bare sampler: {Same(b, c)}");
                run.Record($"sizes.{size}.service-duration-s", (c.Calculation.DurationMs ?? 0) / 1000, "F3", $"duration_ms / 1000, seed {r}");
                run.Record($"sizes.{size}.chunks", c.Calculation.ChunksTotal.ToString(CultureInfo.InvariantCulture), $"chunks_total, seed {r}");
            }

            run.Record($"sizes.{size}.ratio", BenchRun.Ratio(run.Median($"sizes.{size}.bare-s"), run.Median($"sizes.{size}.service-s")),
                $"median bare s / median service s (HTTP wall) over {repeats}; goal >= 0.95 from 1e10 up");
            run.Record($"sizes.{size}.ratio-duration", BenchRun.Ratio(run.Median($"sizes.{size}.bare-s"), run.Median($"sizes.{size}.service-duration-s")),
                "median bare s / median duration_ms (the grain's own clock)");
        }
    }

    /// <summary>1 when the bare sampler's line and the calculation carry the same inside count, else 0.</summary>
    public static string Same(string bareLine, CalcOutcome c) => KeyValues.Get(bareLine, "inside") is { Length: > 0 } inside && inside == c.Inside ? "1" : "0";
}
