using Pi.Orleans.Experiments.Output;

namespace Pi.Orleans.Experiments.Simulation;

/// <summary>
/// What the simulation replays from a measured timeline (timeseries.csv of a local or Kubernetes run): when how many points were
/// submitted (the backlog's arrivals), the CPU cost of a point (worker CPU per point done), a worker's idle CPU, and the worker count
/// that was measured.
/// </summary>
public sealed record WorkloadTrace(
    IReadOnlyList<(double Time, long Points)> Arrivals,
    double PointsPerCoreSecond,
    double IdleCoresPerPod,
    double Duration,
    IReadOnlyList<(double Time, double Workers)> MeasuredWorkers)
{
    public static WorkloadTrace FromTimeline(IReadOnlyList<TimelineRow> rows, double timeScale)
    {
        if (rows.Count < 2)
        {
            throw new ExperimentException("The trace has fewer than two samples.");
        }

        var t0 = rows[0].TimeSeconds;
        var arrivals = new List<(double, long)>();
        long submitted = 0;
        foreach (var r in rows.Where(r => r.PointsSubmitted > submitted))
        {
            arrivals.Add(((r.TimeSeconds - t0) * timeScale, (long)((r.PointsSubmitted - submitted) * timeScale)));
            submitted = r.PointsSubmitted;
        }

        // Idle: the local run's "idle" phase (the cluster up, warm, and nothing to do); without one, 20 millicores.
        var idle = rows.Where(r => r.Phase == "idle" && r.WorkersRunning > 0).Skip(2).Select(r => r.WorkerCpuCores / r.WorkersRunning).ToList();
        var idlePerPod = idle.Count == 0 ? 0.02 : idle.Average();
        // The cost of a point is all the worker CPU it took, runtime overhead included: on a shared machine the idle work is starved too.
        double coreSeconds = 0;
        for (var i = 1; i < rows.Count; i++)
        {
            coreSeconds += rows[i].WorkerCpuCores * (rows[i].TimeSeconds - rows[i - 1].TimeSeconds);
        }

        var done = rows[^1].PointsDone - rows[0].PointsDone;
        if (done <= 0 || coreSeconds <= 0)
        {
            throw new ExperimentException("The trace shows no points done with busy workers, so the CPU cost of a point is unknown.");
        }

        return new WorkloadTrace(arrivals, done / coreSeconds, idlePerPod, (rows[^1].TimeSeconds - t0) * timeScale,
            [.. rows.Select(r => ((r.TimeSeconds - t0) * timeScale, (double)r.WorkersActive))]);
    }

    /// <summary>Median start→ready and ready→first-busy seconds of the joining workers in a local run's joins.csv, if it is there.</summary>
    public static (double? Ready, double? FirstWork) JoinDelays(string joinsCsv)
    {
        if (!File.Exists(joinsCsv))
        {
            return (null, null);
        }

        var csv = CsvFile.Read(joinsCsv);
        double? Median(string column)
        {
            var values = csv.Rows.Select(r => csv.Number(r, column)).Where(double.IsFinite).Order().ToList();
            return values.Count == 0 ? null : values[values.Count / 2];
        }

        return (Median("start_to_ready_s"), Median("ready_to_first_busy_s"));
    }
}
