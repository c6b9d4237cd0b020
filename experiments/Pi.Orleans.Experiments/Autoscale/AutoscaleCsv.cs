using Pi.Orleans.Experiments.Output;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>The run's tables: one row per sample, per decision, per calculation and per worker; times in seconds since the load started.</summary>
public static class AutoscaleCsv
{
    public const string Samples = "samples.csv";
    public const string Decisions = "decisions.csv";
    public const string Calculations = "calculations.csv";
    public const string Workers = "workers.csv";

    public static async Task WriteAsync(AutoscaleResult result, string directory, CancellationToken cancellationToken)
    {
        var names = result.Runs.SelectMany(r => r.Workers.Select(w => w.Name)).Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToList();
        var samples = new CsvWriter(["metric", "time_s", "phase", "replicas", "hpa_desired", "metric_value", "worker_processes", "workers_listed", "slots_used",
            "slots_queued", "pending_chunks", "desired_workers", "points_per_s", "worker_cpu_cores", .. names.Select(n => "cpu_" + n)]);
        var decisions = new CsvWriter("metric", "time_s", "metric_value", "reading", "current", "metric_replicas", "stabilized", "desired", "reason", "action");
        var calculations = new CsvWriter("metric", "phase", "id", "submitted_s", "finished_s", "seed", "points", "status", "chunks_total", "chunks_done",
            "chunk_retries", "result_inside", "expected_inside", "exact", "silos_used");
        var workers = new CsvWriter("metric", "worker", "cpu", "started_s", "ready_s", "listed_s", "first_busy_s", "sigterm_s", "exited_s", "chunks_completed");
        foreach (var run in result.Runs)
        {
            double T(double t) => t - run.LoadStart;
            foreach (var s in run.Samples)
            {
                var last = run.Decisions.LastOrDefault(d => d.Time <= s.TimeSeconds);
                var cpu = names.Select(n => run.Pods.FirstOrDefault(p => p.TimeSeconds == s.TimeSeconds && p.Worker == n)?.CpuCores);
                samples.Add([run.Metric, T(s.TimeSeconds), s.Phase, run.ReplicasAt(s.TimeSeconds), last?.Hpa.DesiredReplicas, last?.MetricValue, s.WorkersRunning,
                    s.WorkersActive, s.SlotsUsed, s.SlotsQueued, s.PendingChunks, s.DesiredWorkers, s.PointsPerSecond, s.WorkerCpuCores, .. cpu.Cast<object?>()]);
            }

            foreach (var d in run.Decisions)
            {
                decisions.Add(run.Metric, T(d.Time), d.MetricValue, d.Reading, d.Hpa.CurrentReplicas, d.Hpa.MetricReplicas, d.Hpa.StabilizedReplicas,
                    d.Hpa.DesiredReplicas, d.Hpa.Reason, d.Action);
            }

            foreach (var s in run.Calculations)
            {
                var c = s.Latest;
                var expected = result.Expected.GetValueOrDefault((c.Seed, c.TotalPoints), -1);
                calculations.Add(run.Metric, s.Phase, c.Id, T(s.SubmittedAtS), s.FinishedAtS is { } f ? T(f) : null, c.Seed, c.TotalPoints, c.Status, c.ChunksTotal,
                    c.ChunksDone, c.ChunkRetries, c.ResultInside, expected, c.ResultInside == expected, string.Join(' ', c.SilosUsed ?? []));
            }

            foreach (var w in run.Workers)
            {
                var firsts = run.Firsts.GetValueOrDefault(w.Name);
                workers.Add(run.Metric, w.Name, w.Cpu, T(w.Started), w.Ready is { } r ? T(r) : null, firsts?.Listed is { } l ? T(l) : null,
                    firsts?.Busy is { } b ? T(b) : null, w.Terminating is { } t ? T(t) : null, w.Exited is { } e ? T(e) : null, w.ChunksCompleted);
            }
        }

        await samples.SaveAsync(Path.Combine(directory, Samples), cancellationToken);
        await decisions.SaveAsync(Path.Combine(directory, Decisions), cancellationToken);
        await calculations.SaveAsync(Path.Combine(directory, Calculations), cancellationToken);
        await workers.SaveAsync(Path.Combine(directory, Workers), cancellationToken);
    }
}
