using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

public sealed class AutoscalingTests(ChartFixture chart)
{
    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void TheAutoscalerOwnsTheWorkerDeploymentsReplicaCount(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var target = Assert.Single(rendered.OfType<V2HorizontalPodAutoscaler>()).Spec.ScaleTargetRef;

        Assert.Equal(("apps/v1", "Deployment", rendered.Silo.Name()), (target.ApiVersion, target.Kind, target.Name));
        Assert.Null(rendered.Silo.Spec.Replicas);
        Assert.NotNull(rendered.Api.Spec.Replicas);
    }

    [Theory]
    [InlineData(ValuesFiles.Default)]
    [InlineData(ValuesFiles.K3s)]
    [InlineData(ValuesFiles.K3sMultinode)]
    public void OnK3sWorkersScaleFromOneToThreeOnSixtyPercentCpu(string valuesFile)
    {
        var spec = Assert.Single(chart[valuesFile].OfType<V2HorizontalPodAutoscaler>()).Spec;

        Assert.Equal((1, 3), (spec.MinReplicas, spec.MaxReplicas));
        Assert.Equal(["cpu=60"], Targets(spec));
    }

    [Fact]
    public void InProductionWorkersScaleFromTwoToTenOnSeventyPercentCpuAndEightyPercentMemory()
    {
        var spec = Assert.Single(chart[ValuesFiles.Production].OfType<V2HorizontalPodAutoscaler>()).Spec;

        Assert.Equal((2, 10), (spec.MinReplicas, spec.MaxReplicas));
        Assert.Equal(["cpu=70", "memory=80"], Targets(spec));
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void WorkersScaleUpAtOnceAndDownOnePodAtATimeAfterAStabilizationWindow(string valuesFile)
    {
        var behavior = Assert.Single(chart[valuesFile].OfType<V2HorizontalPodAutoscaler>()).Spec.Behavior;

        Assert.Equal(0, behavior.ScaleUp.StabilizationWindowSeconds);
        Assert.True(behavior.ScaleDown.StabilizationWindowSeconds >= 60);
        var down = Assert.Single(behavior.ScaleDown.Policies);
        Assert.Equal(("Pods", 1), (down.Type, down.Value));
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void TheApiLooksUpTheRenderedHpaByNameForItsKubernetesStatus(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var hpa = Assert.Single(rendered.OfType<V2HorizontalPodAutoscaler>());

        // GET /api/k8s/status reads the HPA named Kubernetes__HpaName (the Api's own default, pi-orleans-worker, names nothing here).
        Assert.Equal(hpa.Name(), Assert.Single(Assert.Single(rendered.Api.Spec.Template.Spec.Containers).Env, e => e.Name == "Kubernetes__HpaName").Value);
        Assert.DoesNotContain(Assert.Single(rendered.Silo.Spec.Template.Spec.Containers).Env, e => e.Name == "Kubernetes__HpaName");
    }

    private static List<string> Targets(V2HorizontalPodAutoscalerSpec spec)
    {
        Assert.All(spec.Metrics, m => Assert.Equal(("Resource", "Utilization"), (m.Type, m.Resource?.Target.Type)));
        return [.. spec.Metrics.Select(m => $"{m.Resource.Name}={m.Resource.Target.AverageUtilization}")];
    }
}
