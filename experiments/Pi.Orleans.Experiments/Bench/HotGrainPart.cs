using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// How many chunk completions per second one calculation grain takes: one-block chunks (65,536 points) and many slots, so the
/// calculation's handling of each completion limits the rate. <paramref name="mode"/> embedded: the grain and its chunks in one
/// process (a lower bound); redis: the grain on the Api silo, the chunks on one worker, so the Api's CPU per chunk is the
/// calculation's side alone. Was benchmarks/e2e/hot-grain.sh (BLOCKS, SLOTS, MODE).
/// </summary>
public sealed class HotGrainPart(int blocks, int slots, string mode) : IBenchPart
{
    private const long Block = 65_536;

    public string Name => mode;

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        // Pi:ChunkDuration=0: one block per chunk whatever the slots' measured rate.
        string[] options = [$"--Pi:Slots={slots}", $"--Pi:ChunkPoints={Block}", "--Pi:ChunkDuration=00:00:00", "--Pi:InFlightPerSlot=2"];
        run.Say($"hot-grain: {blocks} one-block chunks, {mode}, Pi:Slots={slots}");
        await using var cluster = mode == "redis"
            ? await run.StartClusterAsync(1, options, options, cancellationToken: cancellationToken)
            : await run.StartEmbeddedAsync(options, cancellationToken: cancellationToken);
        await cluster.WarmUpAsync(20_000 * Block, cancellationToken);
        await run.MarkAsync(cancellationToken);
        var (submitted, clock) = await cluster.Calc.SubmitAsync(blocks * Block, "distributed", 7, cancellationToken);
        var cpuBefore = ProcessStats.CpuMs(cluster.ApiPid);
        var latest = await cluster.Calc.GetAsync(submitted.Id, cancellationToken);
        var samples = new List<int> { latest.ChunksDone };
        while (!latest.IsFinished)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            latest = await cluster.Calc.GetAsync(submitted.Id, cancellationToken);
            samples.Add(latest.ChunksDone);
        }

        var cpu = ProcessStats.CpuMs(cluster.ApiPid) - cpuBefore;
        // The steady rate: chunks per second between the first and the last full second (JIT warm-up and drain excluded).
        var rate = samples.Count > 4 ? Math.Round((double)(samples[^2] - samples[2]) / Math.Max(1, samples.Count - 4)).ToString(CultureInfo.InvariantCulture) : "n/a";
        run.Record("hot-grain.completions-per-s", rate, string.Create(CultureInfo.InvariantCulture,
            $"{blocks} one-block chunks, Pi:Slots={slots}, {mode}, {Environment.ProcessorCount} cores, status {latest.Status}; wall_s={clock.Elapsed.TotalSeconds:F1}, api_cpu_ms={cpu}, cpu_us_per_chunk={cpu * 1000 / blocks}"));
    }
}
