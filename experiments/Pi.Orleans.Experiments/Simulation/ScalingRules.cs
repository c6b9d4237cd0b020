namespace Pi.Orleans.Experiments.Simulation;

/// <summary>One direction of an HPA's behavior: stabilization window, policies and how to pick among them.</summary>
public sealed record ScalingRules(int StabilizationWindowSeconds, SelectPolicy Select, IReadOnlyList<ScalingPolicy> Policies)
{
    /// <summary>Kubernetes' default scale-up: no window; 100% or 4 pods per 15 s, whichever is more.</summary>
    public static ScalingRules DefaultScaleUp { get; } = new(0, SelectPolicy.Max,
        [new ScalingPolicy(ScalingPolicyType.Percent, 100, 15), new ScalingPolicy(ScalingPolicyType.Pods, 4, 15)]);

    /// <summary>Kubernetes' default scale-down: a 300 s window; up to 100% per 15 s.</summary>
    public static ScalingRules DefaultScaleDown { get; } = new(300, SelectPolicy.Max, [new ScalingPolicy(ScalingPolicyType.Percent, 100, 15)]);

    /// <summary>The longest policy period, how long scale events must be remembered.</summary>
    public int LongestPeriodSeconds => Policies.Count == 0 ? 0 : Policies.Max(p => p.PeriodSeconds);

    public override string ToString() =>
        $"window {StabilizationWindowSeconds} s, select {Select}, policies: {string.Join("; ", Policies)}";
}
