using Pi.Orleans.Experiments.Simulation;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>
/// One sync of the controller: the metric's value (CPU % of request, or desired_workers), how the pods were read, the HPA's decision,
/// and what was done about it (workers started or stopped, and the deletion cost of each stopped one).
/// </summary>
public sealed record ControlDecision(double Time, double? MetricValue, string Reading, HpaDecision Hpa, string Action, IReadOnlyList<int> StoppedCosts);
