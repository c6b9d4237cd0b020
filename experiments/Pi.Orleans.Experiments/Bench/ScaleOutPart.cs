namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Api + 1 worker against Api + 2 workers (Redis), one slot each, the same points on both; first the machine's ceiling, the bare
/// sampler on 1 and 2 plain threads. With <paramref name="tieredCompilationOff"/> the same again with DOTNET_TieredCompilation=0;
/// with <paramref name="againstCeiling"/> the speedup, the ceiling and their ratio. Was benchmarks/e2e/scale-out.sh and
/// measure_adaptive_scale_out.
/// </summary>
public sealed class ScaleOutPart(string points, int repeats, string warmUp, bool tieredCompilationOff, bool againstCeiling) : IBenchPart
{
    public string Name => "scale-out";

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var n = Points.Of(points);
        run.Record("scale.points", Points.Text(n));
        run.Say($"scale-out: bare sampler on 1 and 2 threads, {points} points");
        for (var r = 1; r <= repeats; r++)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                await run.MarkAsync(cancellationToken);
                var line = await run.BareAsync(n, threads, (ulong)r, cancellationToken);
                run.Record($"scale.bare-{threads}-thread-s", KeyValues.Get(line, "seconds"), $"PiSampler on {threads} plain thread(s), seed {r}");
            }
        }

        foreach (var workers in new[] { 1, 2 })
        {
            run.Say($"scale-out: {workers} worker(s), --Pi:Slots=1 each, {points} points");
            await ScaleRunAsync(run, workers, "", "", null, n, cancellationToken);
        }

        if (tieredCompilationOff)
        {
            // Diagnostic: the same with the JIT's tiered compilation off in every silo (code is fully optimised from the start).
            foreach (var workers in new[] { 1, 2 })
            {
                run.Say($"scale-out: {workers} worker(s) with DOTNET_TieredCompilation=0");
                await ScaleRunAsync(run, workers, "-tc0", "DOTNET_TieredCompilation=0, ", new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" }, n, cancellationToken);
            }
        }

        if (againstCeiling)
        {
            var speedup = BenchRun.Ratio(run.Median("scale.workers-1-s"), run.Median("scale.workers-2-s"));
            var ceiling = BenchRun.Ratio(run.Median("scale.bare-1-thread-s"), run.Median("scale.bare-2-thread-s"));
            run.Record("scale.speedup", speedup, "median 1-worker s / median 2-worker s");
            run.Record("scale.ceiling", ceiling, "median bare 1-thread s / median bare 2-thread s");
            run.Record("scale.ratio", BenchRun.Ratio(Number(speedup), Number(ceiling)), "speedup / ceiling");
        }
    }

    private async Task ScaleRunAsync(BenchRun run, int workers, string suffix, string note, Dictionary<string, string>? environment, long n, CancellationToken cancellationToken)
    {
        await using var cluster = await run.StartClusterAsync(workers, siloArguments: ["--Pi:Slots=1"], environment: environment, cancellationToken: cancellationToken);
        await cluster.WarmUpAsync(Points.Of(warmUp), cancellationToken);
        for (var r = 1; r <= repeats; r++)
        {
            await run.MarkAsync(cancellationToken);
            var c = await cluster.Calc.RunAsync(n, "distributed", (ulong)r, cancellationToken);
            run.Record($"scale.workers-{workers}{suffix}-s", c.Wall, $"{note}seed {r}, duration_ms={c.DurationMs}, silos={c.Silos}");
        }
    }

    private static double Number(string text) => double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
