using System.Globalization;
using System.Text;
using Pi.Orleans.Experiments.Output;
using Pi.Orleans.Harness.CommandLine;

namespace Pi.Orleans.Experiments.Local;

/// <summary>Writes a local run's files: ladder.csv, joins.csv, timeseries.csv, pods.csv, throughput.svg, timeline.svg and report.md.</summary>
public static class LocalReport
{
    public const string ReportFile = "report.md";

    public static async Task WriteAsync(LocalResult result, string directory, string commandLine, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var ladder = LadderSummary.From(result.Ladder);
        await LadderCsv(result.Ladder, ladder).SaveAsync(Path.Combine(directory, "ladder.csv"), cancellationToken);
        await JoinsCsv(result.JoinLeave).SaveAsync(Path.Combine(directory, "joins.csv"), cancellationToken);
        await TimelineCsv.WriteAsync(Path.Combine(directory, TimelineCsv.FileName), result.Timeline, cancellationToken);
        await PodsCsv(result.Pods).SaveAsync(Path.Combine(directory, "pods.csv"), cancellationToken);
        await SvgChart.SaveAsync(Path.Combine(directory, "throughput.svg"), "Throughput vs workers (local, Pi:Slots=1 per worker)",
        [
            new ChartPanel("Points per second", "workers", "points/s",
            [
                new ChartSeries("measured (mean)", "#1f77b4", [.. ladder.Select(s => ((double)s.Workers, s.PointsPerSecond))], Markers: true),
                new ChartSeries("ideal (linear from 1 worker)", "#999999", [.. ladder.Select(s => ((double)s.Workers, s.Workers * ladder[0].PointsPerSecond))], Dashed: true),
            ]),
            new ChartPanel("Scaling efficiency", "workers", "speedup / workers",
                [new ChartSeries("efficiency", "#2ca02c", [.. ladder.Select(s => ((double)s.Workers, s.Efficiency))], Markers: true)], 0, 1.2),
        ], cancellationToken);
        await TimelineChart.SaveAsync(Path.Combine(directory, TimelineChart.FileName), "Local run: workers, throughput and CPU over time", result.Timeline, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, ReportFile), Markdown(result, ladder, commandLine), cancellationToken);
    }

    private static CsvWriter LadderCsv(IReadOnlyList<LadderRow> rows, IReadOnlyList<LadderSummary> summary)
    {
        var csv = new CsvWriter("workers", "run", "total_points", "wall_s", "duration_s", "points_per_s", "speedup", "efficiency", "worker_cores",
            "points_per_core_s", "result_pi", "result_inside", "chunk_retries", "silos_used", "load1");
        foreach (var r in rows)
        {
            var speedup = r.PointsPerSecond / summary[0].PointsPerSecond;
            csv.Add(r.Workers, r.Run, r.Points, r.WallSeconds, r.DurationSeconds, r.PointsPerSecond, speedup, speedup / r.Workers, r.WorkerCores,
                r.PointsPerCoreSecond, r.ResultPi, r.ResultInside, r.ChunkRetries, string.Join(';', r.SilosUsed), r.Load1);
        }

        return csv;
    }

    private static CsvWriter JoinsCsv(JoinLeaveResult? joinLeave)
    {
        var csv = new CsvWriter("worker", "started_s", "ready_s", "listed_s", "first_busy_s", "first_chunk_s", "stopped_s", "start_to_ready_s",
            "ready_to_listed_s", "ready_to_first_busy_s", "ready_to_first_chunk_s", "listed_to_first_busy_s", "listed_to_first_chunk_s", "exit_s", "load1");
        foreach (var j in joinLeave?.Joins ?? [])
        {
            csv.Add(j.Worker, j.Started, j.Ready, j.Listed, j.Busy, j.FirstChunk, j.Stopped, j.StartToReady, j.ReadyToListed, j.ReadyToBusy,
                j.ReadyToFirstChunk, j.ListedToBusy, j.ListedToFirstChunk, j.ExitSeconds, j.Load1);
        }

        return csv;
    }

    private static CsvWriter PodsCsv(IReadOnlyList<PodRow> pods)
    {
        var csv = new CsvWriter("t_s", "worker", "listed", "cpu_cores", "slots_used", "slots_queued", "chunks_completed");
        foreach (var p in pods)
        {
            csv.Add(p.TimeSeconds, p.Worker, p.Listed, p.CpuCores, p.SlotsUsed, p.SlotsQueued, p.ChunksCompleted);
        }

        return csv;
    }

    private static string Markdown(LocalResult r, IReadOnlyList<LadderSummary> ladder, string commandLine)
    {
        var o = r.Options;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Local scale-out experiment{(o.Quick ? " (quick smoke run)" : "")}\n");
        md.AppendLine(CultureInfo.InvariantCulture, $"Run {r.StartedAt:yyyy-MM-dd HH:mm} UTC with `{commandLine}` on {r.Machine}.\n");
        md.AppendLine("**These numbers are from a shared 2-core machine**: other engineers' builds and tests ran at the same time, so throughput and");
        md.AppendLine("timings are noisy and on the slow side. The load averages (`uptime`: 1, 5 and 15 minutes) when each part ran:\n");
        md.Append(MarkdownTable.Render(["when", "load average (1, 5, 15 min)"], r.Loads.Select(l => (IReadOnlyList<string>)[l.When, l.Load])));
        md.AppendLine("\n## Setup\n");
        md.AppendLine("- redis-server, the Api (front silo, computes no chunks) and worker Silo processes, all on loopback, Release build, Redis clustering.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Every worker runs with `Pi:Slots=1`, so one worker is about one core. Chunk size: {(o.ChunkPoints is { } c ? PointCount.Format(c) : "the service default (2^29)")} points.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Ladder: {o.Repeats} distributed calculation(s) of {PointCount.Format(o.Points)} points (seed {o.Seed}) at each of 1..{o.Workers} workers, one worker added per step; a small warm-up calculation ran first.");
        md.AppendLine("- At the end the warm cluster sat idle for a few seconds (phase `idle`), which gives a worker's idle CPU for the simulation.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- The cluster was sampled every {o.SampleInterval.TotalMilliseconds:0} ms (/api/cluster, /api/scaling, the calculation, each worker's CPU time).");

        md.AppendLine("\n## Throughput vs workers\n");
        md.Append(MarkdownTable.Render(
            ["workers", "runs", "duration (s, mean)", "points/s", "speedup", "scaling efficiency", "worker CPU (cores)", "points per worker CPU-second", "efficiency per CPU-second", "chunk retries"],
            ladder.Select(s => (IReadOnlyList<string>)[Int(s.Workers), Int(s.Runs), Num(s.DurationSeconds, "0.00"), Num(s.PointsPerSecond, "0.000e0"),
                Num(s.Speedup, "0.00") + "×", Num(s.Efficiency * 100, "0") + "%", Num(s.WorkerCores, "0.00"), Num(s.PointsPerCoreSecond, "0.000e0"),
                Num(s.CpuEfficiency * 100, "0") + "%", Int(s.ChunkRetries)])));
        if (ladder.Count > 1)
        {
            var top = ladder[^1];
            md.AppendLine(CultureInfo.InvariantCulture, $"\nScaling efficiency at 1 → {top.Workers} workers: **{top.Efficiency * 100:0}%** (speedup {top.Speedup:0.00}× on {top.Workers} workers).");
            md.AppendLine(CultureInfo.InvariantCulture, $"The worker processes got {ladder[0].WorkerCores:0.00} cores on average with 1 worker and {top.WorkerCores:0.00} with {top.Workers}: when the");
            md.AppendLine("machine is shared, that is what bounds the speedup. Per second of CPU the workers actually got, the efficiency was");
            md.AppendLine(CultureInfo.InvariantCulture, $"**{top.CpuEfficiency * 100:0}%** of the 1-worker figure, which measures the cluster's own overhead (fan-out, idle gaps between chunks).");
        }

        var insides = r.Ladder.Select(l => l.ResultInside).Distinct().ToList();
        md.AppendLine(CultureInfo.InvariantCulture, $"Every ladder calculation had the same seed and size; their `result_inside` counts are {(insides.Count == 1 ? "identical (" + insides[0] + "), whatever the number of workers" : "NOT identical: " + string.Join(", ", insides))}.");
        md.AppendLine("\n![Throughput vs workers](throughput.svg)\n");

        if (r.JoinLeave is { } jl)
        {
            AppendJoinLeave(md, jl, o);
        }

        md.AppendLine("## Workers over time\n");
        md.AppendLine("Worker processes running, workers listed by `/api/cluster`, the backlog signal `desired_workers` (`/api/scaling`), throughput over a 2 s window, and the");
        md.AppendLine("CPU of the worker processes (from their CPU time). Phases are in the `phase` column of `timeseries.csv`.\n");
        md.AppendLine("![Timeline](timeline.svg)\n");
        md.AppendLine("## Files\n");
        md.AppendLine("| file | what |\n|---|---|");
        md.AppendLine("| `ladder.csv` | one row per ladder calculation: workers, wall and server duration, points/s, speedup and efficiency against 1 worker, worker CPU cores and points per CPU-second, π, retries, silos, 1-min load |");
        md.AppendLine("| `joins.csv` | one row per joining worker: experiment-time seconds of process start, ready, listed, first busy, first completed chunk, SIGTERM; the differences; exit time |");
        md.AppendLine("| `timeseries.csv` | one row per sample: phase, worker counts, slots, pending chunks, desired_workers, points submitted and done, points/s, worker CPU cores |");
        md.AppendLine("| `pods.csv` | one row per worker per sample: listed or not, CPU cores, slots used and queued, chunks completed |");
        md.AppendLine("| `throughput.svg`, `timeline.svg` | the charts above |");
        md.AppendLine(CultureInfo.InvariantCulture, $"\nThe processes' logs went to a temporary folder, deleted after the run unless `--keep-logs` is given. `dotnet run --project experiments/Pi.Orleans.Experiments -- simulate --trace timeseries.csv` replays this run through the HPA algorithm.");
        return md.ToString();
    }

    private static void AppendJoinLeave(StringBuilder md, JoinLeaveResult jl, LocalExperimentOptions o)
    {
        md.AppendLine("## A worker joining and leaving a running calculation\n");
        md.AppendLine(CultureInfo.InvariantCulture, $"One calculation of {PointCount.Format(jl.Final.TotalPoints)} points started on 1 worker. {o.JoinAfterSeconds:0.#} s later a new worker process was started;");
        md.AppendLine(CultureInfo.InvariantCulture, $"{o.LeaveAfterSeconds:0.#} s after its first completed chunk it was stopped with SIGTERM (graceful Orleans shutdown) while the calculation still ran.");
        md.AppendLine("Times are seconds; *ready* is the worker's own `/health/ready` answering 200 (polled every 100 ms); *listed*, *first busy* (a slot in use)");
        md.AppendLine(CultureInfo.InvariantCulture, $"and *first chunk* (`chunks_completed` > 0) come from `/api/cluster`, sampled every {o.SampleInterval.TotalMilliseconds:0} ms, so they are late by up to one interval.\n");
        md.Append(MarkdownTable.Render(
            ["worker", "start → ready", "ready → listed", "ready → first busy", "ready → first chunk completed", "listed → first busy", "listed → first chunk completed", "SIGTERM → exit", "1-min load"],
            jl.Joins.Select(j => (IReadOnlyList<string>)[j.Worker, Num(j.StartToReady, "0.00"), Num(j.ReadyToListed, "0.00"), Num(j.ReadyToBusy, "0.00"),
                Num(j.ReadyToFirstChunk, "0.00"), Num(j.ListedToBusy, "0.00"), Num(j.ListedToFirstChunk, "0.00"), Num(j.ExitSeconds, "0.00"), Num(j.Load1, "0.00")])));
        var f = jl.Final;
        md.AppendLine(CultureInfo.InvariantCulture, $"\nThe calculation ended **{f.Status}** in {(f.DurationMs ?? 0) / 1000:0.00} s with {f.ChunkRetries} chunk retries; silos used: {string.Join(", ", f.SilosUsed ?? [])}; π = {f.ResultPi:F8} ± {f.StandardError:0.0e0}.");
        md.AppendLine("A negative *ready → …* means the Api listed the silo (Active in membership) before the silo's own HTTP readiness probe first answered.");
        md.AppendLine("A running calculation re-reads the cluster's slots every 2 s, so a new worker should get chunks within about 2 s of being listed; a worker that");
        md.AppendLine("leaves finishes or hands back its chunks during its graceful shutdown, and any chunk lost with it is retried as a new attempt.\n");
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(double? value, string format) => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
