using Pi.Orleans.Experiments.Output;

namespace Pi.Orleans.Experiments;

/// <summary>The timeline chart of a run: workers over time, throughput, and the workers' CPU.</summary>
public static class TimelineChart
{
    public const string FileName = "timeline.svg";

    public static Task SaveAsync(string path, string title, IReadOnlyList<TimelineRow> rows, CancellationToken cancellationToken = default)
    {
        List<(double, double)> Line(Func<TimelineRow, double> y) => [.. rows.Select(r => (r.TimeSeconds, y(r)))];
        var workers = new List<ChartSeries>
        {
            new("worker processes", "#999999", Line(r => r.WorkersRunning), Step: true, Dashed: true),
            new("workers in /api/cluster", "#1f77b4", Line(r => r.WorkersActive), Step: true),
            new("desired_workers (backlog)", "#ff7f0e", Line(r => r.DesiredWorkers), Step: true, Dashed: true),
        };
        if (rows.Any(r => r.HpaDesiredReplicas is not null))
        {
            workers.Add(new ChartSeries("HPA desired", "#2ca02c", Line(r => r.HpaDesiredReplicas ?? double.NaN), Step: true));
        }

        return SvgChart.SaveAsync(path, title,
        [
            new ChartPanel("Workers (replicas) over time", "time (s)", "workers", workers),
            new ChartPanel("Throughput", "time (s)", "points/s", [new ChartSeries("points/s (2 s window)", "#d62728", Line(r => r.PointsPerSecond))]),
            new ChartPanel("CPU of the worker processes", "time (s)", "cores", [new ChartSeries("worker CPU (cores)", "#9467bd", Line(r => r.WorkerCpuCores))]),
        ], cancellationToken);
    }
}
