using System.Globalization;
using System.Text;
using Pi.Orleans.Experiments.Output;

namespace Pi.Orleans.Experiments.Simulation;

/// <summary>Writes a simulation's files: replicas.csv (every 5 s), decisions.csv (every HPA sync), replicas.svg and report.md.</summary>
public static class SimulationReport
{
    public const string ReportFile = "report.md";

    public static async Task WriteAsync(SimulationResult result, string directory, string commandLine, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var strategies = new[] { result.Cpu, result.Backlog };
        var rows = new CsvWriter("t_s", "strategy", "replicas", "ready_pods", "backlog_points", "points_per_s", "cpu_pct_of_request", "metric_value");
        foreach (var r in strategies.SelectMany(s => s.Rows).Where(r => r.Time % 5 == 0))
        {
            rows.Add(r.Time, r.Strategy, r.Replicas, r.ReadyPods, r.BacklogPoints, r.PointsPerSecond, r.CpuPercentOfRequest, r.MetricValue);
        }

        await rows.SaveAsync(Path.Combine(directory, "replicas.csv"), cancellationToken);
        var decisions = new CsvWriter("t_s", "strategy", "current", "metric_replicas", "stabilized", "desired", "reason");
        foreach (var s in strategies)
        {
            foreach (var d in s.Decisions)
            {
                decisions.Add(d.Time, s.Strategy, d.CurrentReplicas, d.MetricReplicas, d.StabilizedReplicas, d.DesiredReplicas, d.Reason);
            }
        }

        await decisions.SaveAsync(Path.Combine(directory, "decisions.csv"), cancellationToken);
        await SvgChart.SaveAsync(Path.Combine(directory, "replicas.svg"), "Predicted worker replicas: CPU HPA vs backlog (KEDA) HPA", Panels(result), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, ReportFile), Markdown(result, commandLine), cancellationToken);
    }

    private static List<ChartPanel> Panels(SimulationResult r)
    {
        List<(double, double)> Line(StrategyResult s, Func<SimulationRow, double> y) => [.. s.Rows.Select(x => (x.Time, y(x)))];
        return
        [
            new ChartPanel("Replicas", "time (s)", "worker pods",
            [
                new ChartSeries("measured workers (trace)", "#999999", [.. r.Trace.MeasuredWorkers], Step: true, Dashed: true),
                new ChartSeries("CPU HPA", "#1f77b4", Line(r.Cpu, x => x.Replicas), Step: true),
                new ChartSeries("backlog HPA (KEDA)", "#ff7f0e", Line(r.Backlog, x => x.Replicas), Step: true),
            ]),
            new ChartPanel("Backlog (points not yet computed)", "time (s)", "points",
            [
                new ChartSeries("CPU HPA", "#1f77b4", Line(r.Cpu, x => x.BacklogPoints)),
                new ChartSeries("backlog HPA (KEDA)", "#ff7f0e", Line(r.Backlog, x => x.BacklogPoints)),
            ]),
            new ChartPanel("What each HPA read (at its syncs)", "time (s)", "CPU % of request / desired_workers × 100",
            [
                new ChartSeries("CPU utilization % (CPU HPA)", "#1f77b4", Line(r.Cpu, x => x.MetricValue)),
                new ChartSeries($"CPU target {r.Options.TargetCpuPercent}%", "#1f77b4", [(0, r.Options.TargetCpuPercent), (r.Cpu.Rows[^1].Time, r.Options.TargetCpuPercent)], Dashed: true),
                new ChartSeries("desired_workers × 100 (KEDA)", "#ff7f0e", Line(r.Backlog, x => x.MetricValue * 100)),
            ]),
        ];
    }

    private static string Markdown(SimulationResult r, string commandLine)
    {
        var o = r.Options;
        var md = new StringBuilder();
        md.AppendLine("# Simulated autoscaling: CPU HPA vs backlog (KEDA) HPA\n");
        md.AppendLine(CultureInfo.InvariantCulture, $"Generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC with `{commandLine}`, from the trace `{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(r.TracePath)))}/{Path.GetFileName(r.TracePath)}`.");
        md.AppendLine("The trace was measured on a shared 2-core machine (see its report for the load averages); the simulation itself is deterministic.\n");
        md.AppendLine("## What was replayed\n");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Arrivals:** the points submitted in the trace, at the times they were submitted ({r.Trace.Arrivals.Count} calculations, {r.Trace.Arrivals.Sum(a => a.Points):0.###e0} points in all; times and points × {o.TimeScale:0.##}).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Cost:** {r.Trace.PointsPerCoreSecond:0.###e0} points per core-second (points done ÷ worker CPU-seconds in the trace); a worker's idle CPU is {r.Trace.IdleCoresPerPod * 1000:0} millicores (the trace's `idle` phase, else 20).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Pods:** {o.PodCores} core(s) of work each, CPU request {o.CpuRequestCores * 1000:0}m; ready {r.PodReadySeconds:0.0} s after creation and computing {r.FirstWorkSeconds:0.0} s after that (from the local run's joins.csv when present).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Metrics:** metrics-server samples pod CPU every {o.MetricResolutionSeconds:0} s, averaged over that window; the HPA syncs every {o.SyncPeriodSeconds:0} s.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **HPA ({o.Preset} behavior):** {o.Hpa.MinReplicas}–{o.Hpa.MaxReplicas} replicas, tolerance {o.Hpa.Tolerance:0.##}; scale-up {o.Hpa.ScaleUp}; scale-down {o.Hpa.ScaleDown}.");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **CPU strategy:** Resource metric cpu, averageUtilization {o.TargetCpuPercent}%. Unready and metric-less pods are handled as the controller does (0% on scale-up, 100% on scale-down for missing metrics; CPU of pods in their first 5 minutes counts only after one full window of readiness).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Backlog strategy:** External metric desired_workers (the Api's /api/scaling: ceil((busy + queued slots) / slots per worker), busy + queued ≤ {o.InFlightPerSlot} × slots, chunks of {o.ChunkPoints:0.###e0} points) with an AverageValue target of {o.BacklogTarget:0.##}, as the chart's KEDA ScaledObject sets it.\n");
        md.AppendLine("## Results\n");
        md.Append(MarkdownTable.Render(
            ["strategy", "metric", "peak replicas", "first at 2", "first at 3", "last work done", "back to min", "pod-seconds", "calculation time mean / max"],
            new[] { r.Cpu, r.Backlog }.Select(s => (IReadOnlyList<string>)[s.Strategy, s.Metric, s.PeakReplicas.ToString(CultureInfo.InvariantCulture),
                Sec(s.FirstAtTwo), Sec(s.FirstAtThree), Sec(s.LastWorkDone), Sec(s.BackToMin), s.PodSeconds.ToString("0", CultureInfo.InvariantCulture),
                s.CalculationSeconds.Count == 0 ? "–" : $"{s.CalculationSeconds.Average():0.0} s / {s.CalculationSeconds.Max():0.0} s"])));
        md.AppendLine("\nTimes are seconds from the start of the trace. *Calculation time* is from a calculation's submission to its last point in the simulation.\n");
        md.AppendLine("![Replicas](replicas.svg)\n");
        foreach (var s in new[] { r.Cpu, r.Backlog })
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### Scale events: {s.Strategy}\n");
            var events = s.Decisions.Where(d => d.Rescaled).ToList();
            md.Append(events.Count == 0
                ? "No rescale.\n"
                : MarkdownTable.Render(["t (s)", "from", "metric asked", "stabilized", "to", "reason"], events.Select(d => (IReadOnlyList<string>)[
                    d.Time.ToString("0", CultureInfo.InvariantCulture), Str(d.CurrentReplicas), d.MetricReplicas is { } m ? Str(m) : "–", Str(d.StabilizedReplicas), Str(d.DesiredReplicas), d.Reason])));
            md.AppendLine();
        }

        md.AppendLine("## Files\n");
        md.AppendLine("| file | what |\n|---|---|");
        md.AppendLine("| `replicas.csv` | every 5 simulated seconds per strategy: replicas, ready pods, backlog, points/s, mean CPU as % of request, the metric last read |");
        md.AppendLine("| `decisions.csv` | every HPA sync per strategy: current replicas, what the metric asked, after stabilization, the result and the limiting reason |");
        md.AppendLine("| `replicas.svg` | the chart above |");
        return md.ToString();
    }

    private static string Sec(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) + " s" : "–";

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
