using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// VmRSS of idle processes after start and after a calculation, and a calculation's persisted state in Redis: 10^13 points
/// cancelled after 5 s, and finished calculations of 1 and 4096 chunks (Pi:ChunkPoints=65536), whose difference gives the
/// bytes per chunk. Was benchmarks/e2e/memory.sh.
/// </summary>
public sealed class MemoryPart(int idleSeconds) : IBenchPart
{
    public string Name => "memory";

    public IReadOnlyList<string> Tools => ["redis-cli"];

    public async Task MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var idle = TimeSpan.FromSeconds(idleSeconds);
        run.Say("memory: embedded Api");
        await using (var cluster = await run.StartEmbeddedAsync(cancellationToken: cancellationToken))
        {
            await Task.Delay(idle, cancellationToken);
            await run.MarkAsync(cancellationToken);
            run.Record("memory.embedded-idle-mb", Mb(cluster.ApiPid), $"VmRSS {idleSeconds}s after ready: {ProcessStats.RssParts(cluster.ApiPid)}");
            await cluster.Calc.RunAsync(10_000_000_000, "distributed", 1, cancellationToken);
            await Task.Delay(idle, cancellationToken);
            await run.MarkAsync(cancellationToken);
            run.Record("memory.embedded-after-mb", Mb(cluster.ApiPid), $"VmRSS {idleSeconds}s after a 10^10-point calculation: {ProcessStats.RssParts(cluster.ApiPid)}");
        }

        // What the Orleans Dashboard (on by default) costs: the same process with it switched off.
        await using (var cluster = await run.StartEmbeddedAsync(["--Dashboard:Enabled=false"], cancellationToken: cancellationToken))
        {
            await Task.Delay(idle, cancellationToken);
            await run.MarkAsync(cancellationToken);
            run.Record("memory.embedded-no-dashboard-idle-mb", Mb(cluster.ApiPid), $"--Dashboard:Enabled=false, VmRSS {idleSeconds}s after ready: {ProcessStats.RssParts(cluster.ApiPid)}");
        }

        run.Say("memory: Api + 1 worker Silo with Redis");
        await using (var cluster = await run.StartClusterAsync(1, cancellationToken: cancellationToken))
        {
            await Task.Delay(idle, cancellationToken);
            await run.MarkAsync(cancellationToken);
            run.Record("memory.worker-idle-mb", Mb(cluster.WorkerPid(1)), $"VmRSS {idleSeconds}s after ready: {ProcessStats.RssParts(cluster.WorkerPid(1))}");
            run.Record("memory.api-idle-mb", Mb(cluster.ApiPid), $"Redis mode, VmRSS {idleSeconds}s after ready: {ProcessStats.RssParts(cluster.ApiPid)}");
            await cluster.Calc.RunAsync(10_000_000_000, "distributed", 1, cancellationToken);
            await Task.Delay(idle, cancellationToken);
            await run.MarkAsync(cancellationToken);
            run.Record("memory.worker-after-mb", Mb(cluster.WorkerPid(1)), $"VmRSS {idleSeconds}s after a 10^10-point calculation: {ProcessStats.RssParts(cluster.WorkerPid(1))}");
            run.Record("memory.api-after-mb", Mb(cluster.ApiPid), $"Redis mode, VmRSS {idleSeconds}s after a 10^10-point calculation: {ProcessStats.RssParts(cluster.ApiPid)}");

            var redis = new RedisState(cluster.Cluster.Redis.Port);
            var (submitted, _) = await cluster.Calc.SubmitAsync(10_000_000_000_000, "distributed", 1, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var cancelled = await cluster.Calc.CancelAsync(submitted.Id, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // the cancelled state is written once more
            run.Record("state.1e13-cancelled-bytes", (await redis.BytesAsync(submitted.Id, cancellationToken)).ToString(CultureInfo.InvariantCulture),
                $"cancelled after 5 s with {cancelled.ChunksDone} of {cancelled.ChunksTotal} chunks done; {await redis.NoteAsync(submitted.Id, cancellationToken)}");
        }

        run.Say("memory: state of finished 1- and 4096-chunk calculations");
        // On every silo: a calculation grain may be placed on the worker, and it plans the chunks with its own silo's options.
        string[] blocks = ["--Pi:ChunkPoints=65536", "--Pi:ChunkDuration=00:00:00"];
        await using (var cluster = await run.StartClusterAsync(1, blocks, blocks, cancellationToken: cancellationToken))
        {
            var redis = new RedisState(cluster.Cluster.Redis.Port);
            await run.MarkAsync(cancellationToken);
            var one = await cluster.Calc.RunAsync(65_536, "distributed", 1, cancellationToken);
            var oneBytes = await redis.BytesAsync(one.Calculation.Id, cancellationToken);
            run.Record("state.1-chunk-bytes", oneBytes.ToString(CultureInfo.InvariantCulture), await redis.NoteAsync(one.Calculation.Id, cancellationToken));
            var four = await cluster.Calc.RunAsync(4096L * 65_536, "distributed", 1, cancellationToken);
            var fourBytes = await redis.BytesAsync(four.Calculation.Id, cancellationToken);
            run.Record("state.4096-chunks-bytes", fourBytes.ToString(CultureInfo.InvariantCulture),
                $"{four.Calculation.ChunksTotal} chunks, {four.Calculation.Status} in {four.DurationMs} ms; {await redis.NoteAsync(four.Calculation.Id, cancellationToken)}");
            run.Record("state.bytes-per-chunk", ((fourBytes - oneBytes) / 4095).ToString(CultureInfo.InvariantCulture), "(4096-chunk state - 1-chunk state) / 4095; 0 since the state is bounded (issue #16)");
        }
    }

    private static string Mb(int pid) => ProcessStats.RssMb(pid).ToString(CultureInfo.InvariantCulture);
}
