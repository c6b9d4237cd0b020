namespace Pi.Orleans.Experiments.Simulation;

/// <summary>One HPA sync: the replicas before, what the metric asked for, the stabilized recommendation, the result and why.</summary>
public sealed record HpaDecision(double Time, int CurrentReplicas, int? MetricReplicas, int StabilizedReplicas, int DesiredReplicas, string Reason)
{
    public bool Rescaled => DesiredReplicas != CurrentReplicas;
}
