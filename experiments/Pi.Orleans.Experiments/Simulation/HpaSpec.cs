namespace Pi.Orleans.Experiments.Simulation;

/// <summary>The parts of an autoscaling/v2 HorizontalPodAutoscaler the simulation uses: replica range, tolerance and behavior.</summary>
public sealed record HpaSpec(int MinReplicas, int MaxReplicas, ScalingRules ScaleUp, ScalingRules ScaleDown, double Tolerance = 0.1)
{
    /// <summary>Kubernetes' defaults with the given range.</summary>
    public static HpaSpec Defaults(int minReplicas, int maxReplicas) => new(minReplicas, maxReplicas, ScalingRules.DefaultScaleUp, ScalingRules.DefaultScaleDown);

    /// <summary>The behavior of this repository's chart (manifests/chart/values.yaml): up 100% per 15 s; down 1 pod per 60 s after a 120 s window.</summary>
    public static HpaSpec Chart(int minReplicas, int maxReplicas) => new(minReplicas, maxReplicas,
        new ScalingRules(0, SelectPolicy.Max, [new ScalingPolicy(ScalingPolicyType.Percent, 100, 15)]),
        new ScalingRules(120, SelectPolicy.Min, [new ScalingPolicy(ScalingPolicyType.Pods, 1, 60)]));
}
