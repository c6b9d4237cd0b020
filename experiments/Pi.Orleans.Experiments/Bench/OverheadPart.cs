namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// A distributed calculation on the embedded Api with two slots against the bare sampler (the same chunk plan on two plain
/// threads), alternating; then the same with DOTNET_TieredCompilation=0 and, with <paramref name="withRedis"/>, Api + 1 Silo
/// (Redis). Was benchmarks/e2e/overhead.sh.
/// </summary>
public sealed class OverheadPart(string points, int repeats, bool withRedis) : IBenchPart
{
    private const string WarmUp = "4e10"; // 75 chunks

    public string Name => "overhead";

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var n = Points.Of(points);
        run.Say($"overhead: embedded Api --Pi:Slots=2 vs bare sampler, {points} points");
        run.Record("overhead.points", Points.Text(n));
        await using (var cluster = await run.StartEmbeddedAsync(["--Pi:Slots=2"], cancellationToken: cancellationToken))
        {
            await cluster.WarmUpAsync(Points.Of(WarmUp), cancellationToken);
            for (var r = 1; r <= repeats; r++)
            {
                await run.MarkAsync(cancellationToken);
                var b = await run.BareAsync(n, 2, (ulong)r, cancellationToken);
                run.Record("overhead.bare-s", KeyValues.Get(b, "seconds"), $"2 threads, seed {r}, inside={KeyValues.Get(b, "inside")}");
                await run.MarkAsync(cancellationToken);
                var c = await cluster.Calc.RunAsync(n, "distributed", (ulong)r, cancellationToken);
                run.Record("overhead.embedded-s", c.Wall, $"seed {r}, HTTP wall; duration_ms={c.DurationMs}, {c.Calculation.ChunksTotal} chunks, inside={c.Inside}");
                run.Record("overhead.same-count", SizesPart.Same(b, c), $"seed {r}");
            }
        }

        // Diagnostic: the same with the JIT's tiered compilation off in the service (code is fully optimised from the start).
        run.Say("overhead: embedded Api with DOTNET_TieredCompilation=0");
        await using (var cluster = await run.StartEmbeddedAsync(["--Pi:Slots=2"], new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" }, cancellationToken))
        {
            await cluster.WarmUpAsync(Points.Of(WarmUp), cancellationToken);
            for (var r = 1; r <= repeats; r++)
            {
                await run.MarkAsync(cancellationToken);
                var c = await cluster.Calc.RunAsync(n, "distributed", (ulong)r, cancellationToken);
                run.Record("overhead.embedded-tc0-s", c.Wall, $"DOTNET_TieredCompilation=0, seed {r}, duration_ms={c.DurationMs}");
            }
        }

        if (!withRedis)
        {
            return;
        }

        run.Say("overhead: Api + 1 Silo (Redis) --Pi:Slots=2");
        await using (var cluster = await run.StartClusterAsync(1, siloArguments: ["--Pi:Slots=2"], cancellationToken: cancellationToken))
        {
            await cluster.WarmUpAsync(Points.Of(WarmUp), cancellationToken);
            for (var r = 1; r <= repeats; r++)
            {
                await run.MarkAsync(cancellationToken);
                var c = await cluster.Calc.RunAsync(n, "distributed", (ulong)r, cancellationToken);
                run.Record("overhead.redis-1-worker-s", c.Wall, $"seed {r}, duration_ms={c.DurationMs}, silos={c.Silos}");
            }
        }
    }
}
