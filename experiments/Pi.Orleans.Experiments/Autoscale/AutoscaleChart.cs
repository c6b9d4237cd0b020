using Pi.Orleans.Experiments.Output;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>The chart: replicas of every metric's run on one time axis, then each run's metric as the controller read it, and the workers' CPU.</summary>
public static class AutoscaleChart
{
    public const string FileName = "autoscale.svg";

    private static readonly Dictionary<string, string> Colors = new() { [AutoscaleMetric.Cpu] = "#1f77b4", [AutoscaleMetric.Backlog] = "#ff7f0e" };

    public static Task SaveAsync(AutoscaleResult result, string path, CancellationToken cancellationToken)
    {
        var replicas = new List<ChartSeries>();
        var cpu = new List<ChartSeries>();
        var panels = new List<ChartPanel>();
        foreach (var run in result.Runs)
        {
            var color = Colors.GetValueOrDefault(run.Metric, "#2ca02c");
            var times = run.Samples.Select(s => s.TimeSeconds).Prepend(run.LoadStart).Append(run.End).ToList();
            replicas.Add(new ChartSeries($"{run.Metric}: replicas", color, [.. times.Select(t => (t - run.LoadStart, (double)run.ReplicasAt(t)))], Step: true));
            replicas.Add(new ChartSeries($"{run.Metric}: workers in /api/cluster", color, [.. run.Samples.Select(s => (s.TimeSeconds - run.LoadStart, (double)s.WorkersActive))], Step: true, Dashed: true));
            cpu.Add(new ChartSeries($"{run.Metric} run: worker CPU (cores)", color, [.. run.Samples.Select(s => (s.TimeSeconds - run.LoadStart, s.WorkerCpuCores))]));
            var read = run.Decisions.Where(d => d.MetricValue is not null).Select(d => (d.Time - run.LoadStart, d.MetricValue!.Value)).ToList();
            panels.Add(run.Metric == AutoscaleMetric.Cpu
                ? new ChartPanel("cpu run: CPU utilization the controller read (% of a 1-CPU request)", "time since the load started (s)", "%",
                    [new ChartSeries("utilization", color, read, Markers: true),
                     new ChartSeries($"target {result.Options.TargetCpuPercent}%", "#999999", [(0, result.Options.TargetCpuPercent), (run.End - run.LoadStart, result.Options.TargetCpuPercent)], Dashed: true)])
                : new ChartPanel("backlog run: desired_workers = ceil((used + queued) / slots)", "time since the load started (s)", "workers",
                    [new ChartSeries("read by the controller", color, read, Step: true, Markers: true),
                     new ChartSeries("sampled", "#999999", [.. run.Samples.Select(s => (s.TimeSeconds - run.LoadStart, (double)s.DesiredWorkers))], Step: true, Dashed: true)]));
        }

        panels.Insert(0, new ChartPanel("Replicas (worker processes started and not stopped)", "time since the load started (s)", "replicas", replicas));
        panels.Add(new ChartPanel("CPU of the worker processes", "time since the load started (s)", "cores", cpu));
        return SvgChart.SaveAsync(path, $"Closed-loop autoscaling, period {result.Options.Period.TotalSeconds:0.#} s", panels, cancellationToken);
    }
}
