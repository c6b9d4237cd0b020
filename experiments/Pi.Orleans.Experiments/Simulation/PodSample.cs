namespace Pi.Orleans.Experiments.Simulation;

/// <summary>
/// What the HPA knows about one pod when it computes CPU replicas: phase, whether it is being deleted, its start time, its Ready
/// condition (status and last transition; a null transition means the pod has no Ready condition), its CPU request and its latest metric.
/// Times are seconds on the simulation clock.
/// </summary>
public sealed record PodSample(
    string Name,
    PodPhase Phase,
    double? StartTime,
    bool Ready,
    double? ReadyTransitionTime,
    long RequestMillicores,
    PodMetric? Metric,
    bool Deleting = false);
