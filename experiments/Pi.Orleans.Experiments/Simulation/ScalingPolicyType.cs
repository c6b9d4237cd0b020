namespace Pi.Orleans.Experiments.Simulation;

/// <summary>An HPA behavior policy's unit: a number of pods, or a percentage of the replicas at the start of the period.</summary>
public enum ScalingPolicyType
{
    Pods,
    Percent,
}
