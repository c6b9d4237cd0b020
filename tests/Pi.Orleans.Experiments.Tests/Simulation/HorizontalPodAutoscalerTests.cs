using Pi.Orleans.Experiments.Simulation;

namespace Pi.Orleans.Experiments.Tests.Simulation;

public sealed class HorizontalPodAutoscalerTests
{
    /// <summary>Runs syncs every 15 s from t = 0 with the given metric recommendation per sync; returns the replicas after each.</summary>
    private static List<int> Run(HorizontalPodAutoscaler hpa, int start, params int[] wanted)
    {
        var replicas = start;
        var result = new List<int>();
        for (var i = 0; i < wanted.Length; i++)
        {
            replicas = hpa.Reconcile(i * 15, replicas, wanted[i]).DesiredReplicas;
            result.Add(replicas);
        }

        return result;
    }

    [Fact]
    public void DefaultScaleUpAddsAtMostFourPodsOrDoublesPer15Seconds()
    {
        // From 1: max(1 + 4, 1 × 2) = 5; 15 s later the t=0 event is out of the period: max(5 + 4, 10) = 10; then the max of 12.
        var hpa = new HorizontalPodAutoscaler(HpaSpec.Defaults(1, 12));

        Assert.Equal([5, 10, 12], Run(hpa, 1, 20, 20, 20));
    }

    [Fact]
    public void SelectMinTakesTheSmallerOfThePolicies()
    {
        var spec = HpaSpec.Defaults(1, 12) with { ScaleUp = ScalingRules.DefaultScaleUp with { Select = SelectPolicy.Min } };

        // min(1 + 4, 2) = 2, then min(6, 4) = 4, then min(8, 8) = 8.
        Assert.Equal([2, 4, 8], Run(new HorizontalPodAutoscaler(spec), 1, 20, 20, 20));
    }

    [Fact]
    public void APodsPolicyCountsTheChangesAlreadyMadeInItsPeriod()
    {
        // 1 pod per 60 s: +1 at t=0; at 15, 30, 45 the period still holds that +1, so no more; at 60 the t=0 event has left the period.
        var spec = HpaSpec.Defaults(1, 10) with { ScaleUp = new ScalingRules(0, SelectPolicy.Max, [new ScalingPolicy(ScalingPolicyType.Pods, 1, 60)]) };

        Assert.Equal([2, 2, 2, 2, 3], Run(new HorizontalPodAutoscaler(spec), 1, 5, 5, 5, 5, 5));
    }

    [Fact]
    public void TheChartBehaviorGoesOneTwoThree()
    {
        // The chart: Percent 100 per 15 s → 1 → 2 → 3 (capped by max 3).
        Assert.Equal([2, 3, 3], Run(new HorizontalPodAutoscaler(HpaSpec.Chart(1, 3)), 1, 4, 4, 4));
    }

    [Fact]
    public void ScaleDownWaitsForTheStabilizationWindow()
    {
        // 5 is recommended at t=0, then 2 from t=15 on. The 300 s window holds 5 until the t=0 recommendation is older than 300 s (t=300).
        var hpa = new HorizontalPodAutoscaler(HpaSpec.Defaults(1, 10));
        var wanted = new[] { 5 }.Concat(Enumerable.Repeat(2, 21)).ToArray();

        var replicas = Run(hpa, 5, wanted);

        Assert.All(replicas.Take(20), r => Assert.Equal(5, r));
        Assert.Equal(2, replicas[20]); // t = 300
    }

    [Fact]
    public void ScaleDownStabilizationKeepsTheHighestRecentRecommendation()
    {
        // Down window 60 s: recommendations 4, 3, 2, 2, 2, 2 → the stabilized value is the max of the last 60 s.
        var spec = HpaSpec.Defaults(1, 10) with { ScaleDown = ScalingRules.DefaultScaleDown with { StabilizationWindowSeconds = 60 } };

        Assert.Equal([4, 4, 4, 4, 3, 2], Run(new HorizontalPodAutoscaler(spec), 4, 4, 3, 2, 2, 2, 2));
    }

    [Fact]
    public void AScaleUpStabilizationWindowWaitsForASustainedRise()
    {
        // Up window 30 s: the lowest recommendation of the last 30 s bounds the rise. At t=15 the t=0 "1" is in (−15, 15]: stays 1;
        // at t=30 the window (0, 30] holds only 3s: up to 3.
        var spec = HpaSpec.Defaults(1, 10) with { ScaleUp = ScalingRules.DefaultScaleUp with { StabilizationWindowSeconds = 30 } };

        Assert.Equal([1, 1, 3, 3], Run(new HorizontalPodAutoscaler(spec), 1, 1, 3, 3, 3));
    }

    [Fact]
    public void TheChartScaleDownRemovesOnePodAMinute()
    {
        // Window 120 s, then Pods 1 per 60 s (select Min): 3 → 2 at t=135 (the t=0 and t=15 "3"s are older than 120 s then), → 1 at t=195.
        var hpa = new HorizontalPodAutoscaler(HpaSpec.Chart(1, 3));
        var wanted = new[] { 3, 3 }.Concat(Enumerable.Repeat(1, 12)).ToArray();

        var replicas = Run(hpa, 3, wanted);

        Assert.Equal(3, replicas[8]);  // t = 120: the t=15 recommendation of 3 is still in the window
        Assert.Equal(2, replicas[9]);  // t = 135
        Assert.Equal(2, replicas[12]); // t = 180: one pod per 60 s
        Assert.Equal(1, replicas[13]); // t = 195
    }

    [Fact]
    public void TheCountIsClampedToTheReplicaRange()
    {
        var hpa = new HorizontalPodAutoscaler(HpaSpec.Defaults(2, 3));

        Assert.Equal(3, hpa.Reconcile(0, 2, 10).DesiredReplicas);
        Assert.Equal(3, hpa.Reconcile(15, 5, 10).DesiredReplicas);
        Assert.Equal(2, hpa.Reconcile(30, 1, 1).DesiredReplicas);
    }

    [Fact]
    public void WithoutMetricsTheCountStays()
    {
        var decision = new HorizontalPodAutoscaler(HpaSpec.Defaults(1, 3)).Reconcile(0, 2, null);

        Assert.Equal((2, "no metrics"), (decision.DesiredReplicas, decision.Reason));
    }
}
