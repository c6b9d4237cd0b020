namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>What one metric's run shows: its scale events, worker-seconds, chunk accounting and exactness.</summary>
public sealed record MetricSummary(
    string Metric,
    int PeakReplicas,
    IReadOnlyList<ScaleEvent> Events,
    double? BurstToMax,
    double? BurstToMaxWorking,
    double? IdleToMinimum,
    double WorkerSeconds,
    double IdleWorkerSeconds,
    int ChunkRetries,
    long ChunksNeeded,
    long ChunksComputed,
    long ChunksLost,
    int StoppedBusy,
    int Calculations,
    int Exact)
{
    /// <summary>Chunks computed more than once: what the silos completed beyond what the calculations needed.</summary>
    public long Duplicates => ChunksComputed - ChunksNeeded;

    public static MetricSummary Of(MetricRun run, IReadOnlyDictionary<(ulong Seed, long Points), long> expected, int maxReplicas)
    {
        var burst = run.BurstStart;
        var idle = run.IdleStart;
        var events = run.Decisions.Where(d => d.Hpa.Rescaled).Select(d => Event(run, d, d.Hpa.DesiredReplicas > d.Hpa.CurrentReplicas ? burst : idle)).ToList();
        var toMax = events.FirstOrDefault(e => e.Up && e.To >= maxReplicas);
        var lastWorker = toMax is null ? null : run.Workers.Where(w => w.Started >= toMax.Time - 1e-9).MinBy(w => w.Started);
        var busyAt = lastWorker is null ? null : run.Firsts.GetValueOrDefault(lastWorker.Name)?.Busy;
        var window = (From: run.LoadStart, To: run.BackAtMinimum ?? run.End);
        var calculations = run.Calculations.Select(c => c.Latest).ToList();
        return new MetricSummary(
            run.Metric,
            run.Workers.Count == 0 ? 0 : run.Decisions.Select(d => d.Hpa.DesiredReplicas).Append(run.ReplicasAt(run.LoadStart)).Max(),
            events,
            toMax?.Time - burst,
            busyAt - burst,
            events.LastOrDefault(e => !e.Up && e.To == run.ReplicasAt(run.LoadStart))?.Time - idle,
            run.Workers.Sum(w => Overlap(w.Started, w.Exited ?? run.End, window)),
            IdleSeconds(run, window),
            calculations.Sum(c => c.ChunkRetries),
            calculations.Sum(c => (long)c.ChunksTotal),
            run.Workers.Sum(w => Math.Max(w.ChunksCompleted, run.Pods.Where(p => p.Worker == w.Name).Select(p => p.ChunksCompleted).DefaultIfEmpty(0).Max())),
            calculations.Sum(c => (long)Math.Max(0, c.ChunksTotal - c.ChunksDone)),
            run.Decisions.Sum(d => d.StoppedCosts.Count(c => c > 0)),
            calculations.Count,
            calculations.Count(c => c.Status == "completed" && c.ResultInside == expected.GetValueOrDefault((c.Seed, c.TotalPoints), -1)));
    }

    private static ScaleEvent Event(MetricRun run, ControlDecision d, double reference)
    {
        var up = d.Hpa.DesiredReplicas > d.Hpa.CurrentReplicas;
        var workers = run.Workers.Where(w => up ? Math.Abs(w.Started - d.Time) < 1 : w.Terminating is { } t && Math.Abs(t - d.Time) < 1).Select(w => up
            ? $"{w.Name}: ready {Since(w.Ready, reference)}, first busy {Since(run.Firsts.GetValueOrDefault(w.Name)?.Busy, reference)}"
            : $"{w.Name}: exited {Since(w.Exited, w.Terminating ?? 0)} after SIGTERM").ToList();
        return new ScaleEvent(d.Time, d.Hpa.CurrentReplicas, d.Hpa.DesiredReplicas, d.Time - reference, workers);
    }

    private static string Since(double? time, double reference) =>
        time is { } t ? (t - reference).ToString("+0.0 s;-0.0 s", System.Globalization.CultureInfo.InvariantCulture) : "never";

    private static double Overlap(double from, double to, (double From, double To) window) =>
        Math.Max(0, Math.Min(to, window.To) - Math.Max(from, window.From));

    /// <summary>Worker-seconds with no slot busy, from the samples: each sample's idle workers times the time to the next sample.</summary>
    private static double IdleSeconds(MetricRun run, (double From, double To) window)
    {
        var times = run.Pods.Select(p => p.TimeSeconds).Where(t => t >= window.From && t <= window.To).Distinct().Order().ToList();
        var idle = 0.0;
        for (var i = 0; i + 1 < times.Count; i++)
        {
            idle += run.Pods.Count(p => p.TimeSeconds == times[i] && p.SlotsUsed == 0) * (times[i + 1] - times[i]);
        }

        return idle;
    }
}
