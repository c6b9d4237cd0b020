using Pi.Orleans.Experiments.Output;

namespace Pi.Orleans.Experiments;

/// <summary>Writes and reads timeseries.csv, the <see cref="TimelineRow"/> format.</summary>
public static class TimelineCsv
{
    public const string FileName = "timeseries.csv";

    private static readonly string[] Columns =
    [
        "t_s", "phase", "workers_running", "workers_active", "slots_total", "slots_used", "slots_queued", "pending_chunks", "desired_workers",
        "points_submitted", "points_done", "points_per_s", "worker_cpu_cores", "hpa_desired_replicas", "cpu_utilization_pct",
    ];

    public static Task WriteAsync(string path, IEnumerable<TimelineRow> rows, CancellationToken cancellationToken = default)
    {
        var csv = new CsvWriter(Columns);
        foreach (var r in rows)
        {
            csv.Add(r.TimeSeconds, r.Phase, r.WorkersRunning, r.WorkersActive, r.SlotsTotal, r.SlotsUsed, r.SlotsQueued, r.PendingChunks, r.DesiredWorkers,
                r.PointsSubmitted, r.PointsDone, r.PointsPerSecond, r.WorkerCpuCores, r.HpaDesiredReplicas, r.CpuUtilizationPercent);
        }

        return csv.SaveAsync(path, cancellationToken);
    }

    public static IReadOnlyList<TimelineRow> Read(string path)
    {
        var csv = CsvFile.Read(path);
        foreach (var c in Columns.Take(13))
        {
            if (!csv.Has(c))
            {
                throw new ExperimentException($"{path} is not a timeseries.csv: it has no '{c}' column.");
            }
        }

        int Int(string[] r, string c) => csv.Number(r, c) is var v && double.IsFinite(v) ? (int)v : 0;
        long Long(string[] r, string c) => csv.Number(r, c) is var v && double.IsFinite(v) ? (long)v : 0;
        double? Optional(string[] r, string c) => csv.Has(c) && csv.Number(r, c) is var v && double.IsFinite(v) ? v : null;
        return [.. csv.Rows.Select(r => new TimelineRow(
            csv.Number(r, "t_s"), csv.Text(r, "phase"), Int(r, "workers_running"), Int(r, "workers_active"), Int(r, "slots_total"),
            Int(r, "slots_used"), Int(r, "slots_queued"), Long(r, "pending_chunks"), Int(r, "desired_workers"), Long(r, "points_submitted"),
            Long(r, "points_done"), csv.Number(r, "points_per_s") is var p && double.IsFinite(p) ? p : 0,
            csv.Number(r, "worker_cpu_cores") is var cpu && double.IsFinite(cpu) ? cpu : 0,
            Optional(r, "hpa_desired_replicas") is { } h ? (int)h : null, Optional(r, "cpu_utilization_pct")))];
    }
}
