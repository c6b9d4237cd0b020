namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// The embedded Api with two slots against the bare sampler on two threads, under each JIT setting, from the first calculation
/// after start (no warm-up: full speed from the first chunk is the point). Was measure_tiering in benchmarks/e2e/service.sh.
/// </summary>
public sealed class TieringPart(string points, int repeats) : IBenchPart
{
    public string Name => "tiering";

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var n = Points.Of(points);
        foreach (var variant in new[] { "default", "TieredPGO=0", "TieredCompilation=0" })
        {
            run.Say($"tiering: embedded --Pi:Slots=2, {variant}, {points} points");
            await using var cluster = await run.StartEmbeddedAsync(["--Pi:Slots=2"], DotnetVariant.Environment(variant), cancellationToken);
            for (var r = 1; r <= repeats; r++)
            {
                await run.MarkAsync(cancellationToken);
                var b = await run.BareAsync(n, 2, (ulong)r, cancellationToken);
                run.Record("tiering.bare-2-threads-s", KeyValues.Get(b, "seconds"), $"seed {r}, inside={KeyValues.Get(b, "inside")}");
                await run.MarkAsync(cancellationToken);
                var c = await cluster.Calc.RunAsync(n, "distributed", (ulong)r, cancellationToken);
                run.Record($"tiering.{variant}.embedded-s", c.Wall,
                    $"run {r} after start; duration_ms={c.DurationMs}, inside={c.Inside}, same count: {(SizesPart.Same(b, c) == "1" ? "yes" : "NO")}");
            }
        }
    }
}
