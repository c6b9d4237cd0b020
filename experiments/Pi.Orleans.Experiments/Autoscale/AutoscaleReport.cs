using System.Globalization;
using System.Text;
using Pi.Orleans.Experiments.Output;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>Writes the CSV files, the chart and report.md: the setup, the comparison of the metrics, every scale event and every result.</summary>
public static class AutoscaleReport
{
    public const string ReportFile = "report.md";

    public static async Task<IReadOnlyList<MetricSummary>> WriteAsync(AutoscaleResult result, string directory, string commandLine, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await AutoscaleCsv.WriteAsync(result, directory, cancellationToken);
        await AutoscaleChart.SaveAsync(result, Path.Combine(directory, AutoscaleChart.FileName), cancellationToken);
        var summaries = result.Runs.Select(r => MetricSummary.Of(r, result.Expected, result.Options.Hpa.MaxReplicas)).ToList();
        await File.WriteAllTextAsync(Path.Combine(directory, ReportFile), Render(result, summaries, commandLine), cancellationToken);
        return summaries;
    }

    private static string Render(AutoscaleResult result, List<MetricSummary> summaries, string commandLine)
    {
        var o = result.Options;
        var md = new StringBuilder();
        md.AppendLine("# Closed-loop autoscaling: CPU against backlog").AppendLine();
        md.AppendLine(Inv($"Run {result.StartedAt:yyyy-MM-dd HH:mm} UTC on {result.Machine}. Command: `{commandLine}`.")).AppendLine();
        md.AppendLine(Inv($"- Controller period **{o.Period.TotalSeconds:0.#} s** (Kubernetes syncs every 15 s); CPU averaged over {o.EffectiveMetricWindow.TotalSeconds:0.#} s windows (metrics-server's resolution)."));
        md.AppendLine(Inv($"- HPA: {o.Hpa.MinReplicas}–{o.Hpa.MaxReplicas} replicas, tolerance {o.Hpa.Tolerance}; scale-up {o.Hpa.ScaleUp}; scale-down {o.Hpa.ScaleDown}."));
        md.AppendLine(Inv($"- cpu: averageUtilization {o.TargetCpuPercent}% of a {o.CpuRequestMillicores}m request. backlog: desired_workers from /api/scaling, AverageValue {o.BacklogTarget}."));
        md.AppendLine(Inv($"- Workers: `Pi:Slots=1`, {(result.Pinned ? "each bound to one CPU with taskset (the least used CPU at start)" : "not bound to a CPU (no taskset)")}; grace period {o.GracePeriod.TotalSeconds:0} s; chunks of {o.ChunkPoints ?? 536_870_912L} points."));
        md.AppendLine(Inv($"- Load `{Path.GetFileName(result.LoadFile)}`: {result.Script.Description}"));
        foreach (var run in result.Runs)
        {
            md.AppendLine(Inv($"- Load averages (1, 5, 15 min), {run.Metric} run: {run.LoadBefore} before, {run.LoadAfter} after."));
        }

        md.AppendLine().AppendLine("## Comparison").AppendLine();
        md.Append(MarkdownTable.Render(
            ["metric", "peak replicas", $"burst → {o.Hpa.MaxReplicas} replicas decided (s)", $"burst → worker {o.Hpa.MaxReplicas} busy (s)", "idle → back at minimum decided (s)",
             "worker-seconds", "idle worker-seconds", "chunk retries", "chunks computed twice", "chunks lost", "exact results"],
            summaries.Select(s => (IReadOnlyList<string>)[s.Metric, Inv($"{s.PeakReplicas}"), S(s.BurstToMax), S(s.BurstToMaxWorking), S(s.IdleToMinimum),
                S(s.WorkerSeconds), S(s.IdleWorkerSeconds), Inv($"{s.ChunkRetries}"), Inv($"{s.Duplicates}"), Inv($"{s.ChunksLost}"), Inv($"{s.Exact} of {s.Calculations}")])));
        md.AppendLine().AppendLine("Worker-seconds and idle worker-seconds (no slot busy) run from the start of the load until the replicas are back at the minimum.");
        md.AppendLine("Chunks computed twice are the chunks the silos completed beyond those the calculations needed (a retried chunk whose first attempt also finished).").AppendLine();
        Verdicts(md, summaries, o.Hpa.MaxReplicas);

        foreach (var (run, s) in result.Runs.Zip(summaries))
        {
            md.AppendLine().AppendLine(Inv($"## {run.Metric}: scale events")).AppendLine();
            md.AppendLine(Inv($"The burst started {run.BurstStart - run.LoadStart:0.0} s into the load; the last calculation finished at {run.IdleStart - run.LoadStart:0.0} s (idle from then on)."))
                .AppendLine();
            md.Append(MarkdownTable.Render(["decided at (s)", "replicas", "since burst / since idle (s)", "workers"],
                s.Events.Select(e => (IReadOnlyList<string>)[S(e.Time - run.LoadStart), Inv($"{e.From} → {e.To}"), Inv($"{(e.Up ? "burst " : "idle ")}{e.SinceReference:+0.0;-0.0}"), string.Join("; ", e.Workers)])));
            md.AppendLine().AppendLine(Inv($"Workers stopped while a slot was busy: {s.StoppedBusy} (the scale-down picks the lowest deletion cost, so only when no idle worker was left)."));
        }

        md.AppendLine().AppendLine("## Results against the sampler").AppendLine();
        md.AppendLine(Inv($"Each (seed, points) was counted again by `PiSampler` in this process after the runs ({result.ExpectedSeconds:0.0} s), cut into other chunks than the service's.")).AppendLine();
        md.Append(MarkdownTable.Render(["metric", "phase", "seed", "points", "status", "chunks", "retries", "result_inside", "expected", "exact"],
            result.Runs.SelectMany(r => r.Calculations.Select(c => (r.Metric, c))).Select(x =>
            {
                var c = x.c.Latest;
                var expected = result.Expected.GetValueOrDefault((c.Seed, c.TotalPoints), -1);
                return (IReadOnlyList<string>)[x.Metric, x.c.Phase, Inv($"{c.Seed}"), Inv($"{c.TotalPoints:0.###e0}"), c.Status, Inv($"{c.ChunksDone}/{c.ChunksTotal}"),
                    Inv($"{c.ChunkRetries}"), Inv($"{c.ResultInside}"), Inv($"{expected}"), c.ResultInside == expected ? "yes" : "**no**"];
            })));
        md.AppendLine().AppendLine("Files: `samples.csv` (every sample), `decisions.csv` (every sync), `calculations.csv`, `workers.csv` (each worker's start, ready, first busy, SIGTERM, exit), `autoscale.svg`.");
        md.AppendLine().AppendLine("![replicas and metrics](autoscale.svg)");
        return md.ToString();
    }

    private static void Verdicts(StringBuilder md, List<MetricSummary> summaries, int max)
    {
        if (summaries.Count < 2)
        {
            return;
        }

        var reached = summaries.Where(s => s.BurstToMax is not null).OrderBy(s => s.BurstToMax).ToList();
        md.AppendLine(reached.Count == 0
            ? Inv($"- Neither metric reached {max} replicas.")
            : Inv($"- **{reached[0].Metric} reached {max} replicas sooner**: {reached[0].BurstToMax:0.0} s after the burst, against {string.Join(", ", summaries.Where(s => s != reached[0]).Select(s => $"{s.Metric} {S(s.BurstToMax)} s"))}."));
        var thrift = summaries.OrderBy(s => s.IdleWorkerSeconds).ToList();
        var tie = thrift.Count > 1 && thrift[1].IdleWorkerSeconds - thrift[0].IdleWorkerSeconds < 1;
        md.AppendLine(Inv($"- **{(tie ? "Both wasted the same worker-seconds" : $"{thrift[0].Metric} wasted fewer worker-seconds")}**: {thrift[0].IdleWorkerSeconds:0} idle worker-seconds against {string.Join(", ", thrift.Skip(1).Select(s => $"{s.Metric} {s.IdleWorkerSeconds:0}"))} (of {thrift[0].WorkerSeconds:0} and {string.Join(", ", thrift.Skip(1).Select(s => $"{s.WorkerSeconds:0}"))} worker-seconds in all)."));
    }

    private static string S(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
