namespace Pi.Orleans.Experiments.Simulation;

/// <summary>
/// The CPU replica calculation's answer: the replicas (null when no pod had a usable metric, so the HPA keeps its count), the utilization
/// of the ready pods (percent of request, as the HPA status shows it), and how the pods were grouped.
/// </summary>
public sealed record CpuRecommendation(int? Replicas, int UtilizationPercent, int ReadyPods, int UnreadyPods, int MissingPods, int IgnoredPods);
