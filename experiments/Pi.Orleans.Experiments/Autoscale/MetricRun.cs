using Pi.Orleans.Experiments.Load;
using Pi.Orleans.Experiments.Local;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>
/// One metric's run on its own cluster: times on the run's clock (s) of the load's start, the script's end and the return to the
/// minimum (null if it never returned); the workers, decisions, samples and calculations; the load averages before and after.
/// </summary>
public sealed record MetricRun(
    string Metric,
    double LoadStart,
    double ScriptEnd,
    double? BackAtMinimum,
    double End,
    IReadOnlyList<AutoscaleWorker> Workers,
    IReadOnlyList<ControlDecision> Decisions,
    IReadOnlyList<TimelineRow> Samples,
    IReadOnlyList<PodRow> Pods,
    IReadOnlyList<TrackedCalculation> Calculations,
    IReadOnlyDictionary<string, SiloFirsts> Firsts,
    string LoadBefore,
    string LoadAfter)
{
    /// <summary>When the first calculation of the script went in: the burst.</summary>
    public double BurstStart => Calculations.Where(c => c.Phase != AutoscaleRun.WarmUpPhase).Min(c => c.SubmittedAtS);

    /// <summary>When the last calculation finished: from then on the cluster is idle.</summary>
    public double IdleStart => Calculations.Max(c => c.FinishedAtS ?? End);

    /// <summary>Replicas (workers started and not yet told to stop) at time <paramref name="t"/>.</summary>
    public int ReplicasAt(double t) => Workers.Count(w => w.Started <= t && !w.Failed && (w.Terminating is not { } stop || stop > t));
}
