using Pi.Orleans.Experiments.Simulation;

namespace Pi.Orleans.Experiments.Tests.Simulation;

public sealed class ReplicaCalculatorTests
{
    [Fact]
    public void DesiredIsTheCeilingOfCurrentTimesMetricOverTarget()
    {
        // 2 pods at 900m of 1000m: 90% against 60% → ceil(2 × 90 / 60) = 3.
        var r = ReplicaCalculator.Cpu(2, [Pods.Ready("a", 900), Pods.Ready("b", 900)], 60, Pods.Now);

        Assert.Equal(3, r.Replicas);
        Assert.Equal(90, r.UtilizationPercent);
    }

    [Theory]
    [InlineData(580, 4)] // 58% / 60% = 0.967: within 10%, stays
    [InlineData(650, 4)] // 65% / 60% = 1.083: within 10%, stays
    [InlineData(670, 5)] // 67% / 60% = 1.117: ceil(4 × 1.117) = 5
    [InlineData(530, 4)] // 53% / 60% = 0.883: ceil(4 × 0.883) = 4 (the ceiling keeps it)
    [InlineData(500, 4)] // 50% / 60% = 0.833: ceil(3.33) = 4
    [InlineData(440, 3)] // 44% / 60% = 0.733: ceil(2.93) = 3
    public void ChangesWithinTheTenPercentToleranceAreIgnored(long usage, int expected)
    {
        var pods = Enumerable.Range(0, 4).Select(i => Pods.Ready($"p{i}", usage)).ToList();

        Assert.Equal(expected, ReplicaCalculator.Cpu(4, pods, 60, Pods.Now).Replicas);
    }

    [Fact]
    public void TheUtilizationIsTruncatedToWholePercentAsTheControllerDoes()
    {
        // 3 × 333m of 3000m = 33.3% → 33%; 33 / 30 = 1.1 exactly in decimal, above 1.1 in binary: ceil(3 × 1.1) = 4.
        var r = ReplicaCalculator.Cpu(3, [Pods.Ready("a", 333), Pods.Ready("b", 333), Pods.Ready("c", 333)], 30, Pods.Now);

        Assert.Equal(33, r.UtilizationPercent);
        Assert.Equal(4, r.Replicas);
    }

    [Fact]
    public void NotReadyPodsCountAsZeroOnScaleUpWhichCanCancelIt()
    {
        // Ready pods at 80% vs 50% → ratio 1.6 would give ceil(2 × 1.6) = 4. With the unready pod at 0%: 1600/3000 = 53% → 1.06, within tolerance.
        var r = ReplicaCalculator.Cpu(3, [Pods.Ready("a", 800), Pods.Ready("b", 800), Pods.NotReady("c")], 50, Pods.Now);

        Assert.Equal(3, r.Replicas);
        Assert.Equal(2, r.ReadyPods);
        Assert.Equal(1, r.UnreadyPods);
    }

    [Fact]
    public void NotReadyPodsAtZeroStillLetALargeScaleUpThrough()
    {
        // 2 × 1000m + 0 over 3000m = 66% vs 40% → 1.65 → ceil(3 × 1.65) = ceil(4.95) = 5.
        var r = ReplicaCalculator.Cpu(3, [Pods.Ready("a", 1000), Pods.Ready("b", 1000), Pods.NotReady("c")], 40, Pods.Now);

        Assert.Equal(5, r.Replicas);
    }

    [Fact]
    public void NotReadyPodsAreLeftOutOnScaleDown()
    {
        // Ready pods at 10% vs 50% → 0.2 → ceil(2 × 0.2) = 1; the unready pod is not counted at all.
        var r = ReplicaCalculator.Cpu(3, [Pods.Ready("a", 100), Pods.Ready("b", 100), Pods.NotReady("c")], 50, Pods.Now);

        Assert.Equal(1, r.Replicas);
    }

    [Fact]
    public void AReadyPodInItsFirstMinutesCountsOnlyAfterAFullMetricWindowOfReadiness()
    {
        // Started 60 s ago, ready 5 s ago, metric window 15 s: its sample still covers its start-up, so it is treated as unready.
        var young = new PodSample("young", PodPhase.Running, Pods.Now - 60, true, Pods.Now - 5, 1000, new PodMetric(1000, Pods.Now, 15));

        var r = ReplicaCalculator.Cpu(2, [Pods.Ready("a", 600), young], 50, Pods.Now);

        Assert.Equal(1, r.UnreadyPods);
        Assert.Equal(2, r.Replicas); // 60% vs 50% → 1.2 → with young at 0%: 600/2000 = 30% → 0.6: direction flips, so it stays 2
    }

    [Fact]
    public void MissingMetricsCountAsFullRequestOnScaleDown()
    {
        // a at 10% vs 50% → 0.2; b without metrics at max(100%, 50%) → (100 + 1000) / 2000 = 55% → 1.1: the direction flips, stays 2.
        var r = ReplicaCalculator.Cpu(2, [Pods.Ready("a", 100), Pods.WithoutMetric("b")], 50, Pods.Now);

        Assert.Equal(2, r.Replicas);
        Assert.Equal(1, r.MissingPods);
    }

    [Fact]
    public void MissingMetricsCountAsZeroOnScaleUp()
    {
        // a, b at 100% vs 50% → 2.0; c without metrics at 0%: 2000/3000 = 66% → 1.32 → ceil(3 × 1.32) = ceil(3.96) = 4.
        var r = ReplicaCalculator.Cpu(3, [Pods.Ready("a", 1000), Pods.Ready("b", 1000), Pods.WithoutMetric("c")], 50, Pods.Now);

        Assert.Equal(4, r.Replicas);
    }

    [Fact]
    public void PendingDeletingAndFailedPodsAreNotCounted()
    {
        var pending = new PodSample("pending", PodPhase.Pending, null, false, null, 1000, null);
        var deleting = Pods.Ready("deleting", 0) with { Deleting = true };
        var failed = Pods.Ready("failed", 0) with { Phase = PodPhase.Failed };

        var r = ReplicaCalculator.Cpu(4, [Pods.Ready("a", 300), pending, deleting, failed], 60, Pods.Now);

        Assert.Equal((1, 1, 2), (r.ReadyPods, r.UnreadyPods, r.IgnoredPods));
        Assert.Equal(1, r.Replicas); // only the ready pod counts: 30% vs 60% → 0.5 → ceil(1 × 0.5) = 1
    }

    [Fact]
    public void WithNoUsableMetricTheCalculationGivesNoAnswer()
    {
        var r = ReplicaCalculator.Cpu(1, [Pods.WithoutMetric("a")], 60, Pods.Now);

        Assert.Null(r.Replicas);
    }

    [Theory]
    [InlineData(1, 3, 1, 3)]   // desired_workers 3, target 1 → ceil(3 / 1) = 3
    [InlineData(2, 2.1, 1, 2)] // 2.1 / (1 × 2) = 1.05: within tolerance, stays 2
    [InlineData(3, 1, 1, 1)]   // 1 / 3 = 0.33 → ceil(1 / 1) = 1
    [InlineData(2, 5, 2, 3)]   // 5 / (2 × 2) = 1.25 → ceil(5 / 2) = 3
    public void AnExternalAverageValueMetricDividesTheTotalByTheTarget(int current, double total, double target, int expected)
    {
        Assert.Equal(expected, ReplicaCalculator.ExternalAverageValue(current, total, target));
    }
}
