using System.Globalization;
using System.Text.RegularExpressions;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Api + one fresh worker (one slot, Redis) under each JIT setting and as a ReadyToRun publish; the worker's per-chunk compute
/// times from its own Debug log lines, in order: its first chunk against the median of its last ten. Was measure_first_chunk in
/// benchmarks/e2e/service.sh.
/// </summary>
public sealed partial class FirstChunkPart(string points) : IBenchPart
{
    public string Name => "first-chunk";

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        run.Say("first chunk: publishing the Silo with ReadyToRun");
        var r2r = Path.Combine(run.Options.Work, "silo-r2r");
        await Tool.RunAsync("dotnet", ["publish", Path.Combine(run.Options.Root, "Silo"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-o", r2r, "-v", "q", "-nologo"], cancellationToken);
        foreach (var variant in new[] { "default", "TieredCompilation=0", "ReadyToRun" })
        {
            run.Say($"first chunk: a fresh worker, {variant}");
            var started = System.Diagnostics.Stopwatch.StartNew();
            await using var cluster = await run.StartClusterAsync(1, siloArguments: ["--Pi:Slots=1", "--Logging:LogLevel:Pi.Orleans.Grains.Calculations.ChunkComputer=Debug"],
                environment: DotnetVariant.Environment(variant == "ReadyToRun" ? "default" : variant),
                siloDll: variant == "ReadyToRun" ? Path.Combine(r2r, "Pi.Orleans.Silo.dll") : null, cancellationToken: cancellationToken);
            run.Record($"first-chunk.{variant}.cluster-ready-s", started.Elapsed.TotalSeconds, "F1", "redis-server, the Api and one worker started at once, until all are ready and listed");
            await run.MarkAsync(cancellationToken);
            await cluster.Calc.RunAsync(Points.Of(points), "distributed", 5, cancellationToken);
            var worker = cluster.Cluster.Workers[0];
            var text = worker.LogPath is { } log && File.Exists(log) ? await File.ReadAllTextAsync(log, cancellationToken) : string.Join('\n', worker.Process.Lines);
            var rates = Computed().Matches(text).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) / 1000).ToList();
            if (rates.Count == 0)
            {
                run.Record($"first-chunk.{variant}.ratio", "", "the worker logged no computed chunk");
                continue;
            }

            var last = rates.TakeLast(10).Order().ToList();
            var steady = last.Count % 2 == 1 ? last[last.Count / 2] : (last[(last.Count / 2) - 1] + last[last.Count / 2]) / 2;
            run.Record($"first-chunk.{variant}.ratio", rates[0] / steady, "F3", string.Create(CultureInfo.InvariantCulture,
                $"first chunk {rates[0]:F0} Mpoints/s, steady (median of last 10) {steady:F0}; {rates.Count} chunks; first five: {string.Join(' ', rates.Take(5).Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}"));
        }
    }

    [GeneratedRegex(@"computed on \S+: (\d+) points in ([\d.]+) ms")]
    private static partial Regex Computed();
}
