using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>silo.autoscaling.mode: the chart's CPU HPA (default) or a KEDA ScaledObject on the Api's backlog signal.</summary>
public sealed class KedaAutoscalingTests(ChartFixture chart)
{
    private static readonly string[] Keda = ["--set", "silo.autoscaling.mode=keda"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void EveryValuesFileScalesTheWorkersWithTheChartsHpaAndRendersNoScaledObject(string valuesFile)
    {
        var rendered = chart[valuesFile];

        Assert.Single(rendered.OfType<V2HorizontalPodAutoscaler>());
        Assert.Empty(rendered.CustomResources("ScaledObject"));
    }

    [Theory]
    [InlineData(ValuesFiles.Default)]
    [InlineData(ValuesFiles.K3sMultinode)]
    [InlineData(ValuesFiles.Production)]
    public async Task ModeKedaRendersAScaledObjectOnTheWorkerDeploymentWithTheSameRangeNameAndBehaviorAndNoHpa(string valuesFile)
    {
        var hpa = Assert.Single(chart[valuesFile].OfType<V2HorizontalPodAutoscaler>());

        var rendered = await RenderAsync(valuesFile, Keda);

        Assert.Empty(rendered.OfType<V2HorizontalPodAutoscaler>());
        var scaled = Assert.Single(rendered.CustomResources("ScaledObject"));
        Assert.Equal("keda.sh/v1alpha1", scaled.ApiVersion);
        Assert.Equal("silo", scaled.Metadata.Labels.ValueOrNull(RenderedChart.ComponentLabel));
        Assert.Equal(("apps/v1", "Deployment", rendered.Silo.Name()),
            (scaled.Text("spec.scaleTargetRef.apiVersion"), scaled.Text("spec.scaleTargetRef.kind"), scaled.Text("spec.scaleTargetRef.name")));
        Assert.Null(rendered.Silo.Spec.Replicas);
        Assert.Equal((hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas), ((int?)scaled.Integer("spec.minReplicaCount"), (int?)scaled.Integer("spec.maxReplicaCount")));

        // KEDA's own HPA keeps the chart HPA's name (kubectl, RBAC, kube-state-metrics series and the Api's Kubernetes__HpaName stay
        // the same) and its behavior.
        Assert.Equal(hpa.Name(), scaled.Text("spec.advanced.horizontalPodAutoscalerConfig.name"));
        Assert.Equal(hpa.Name(), Assert.Single(Assert.Single(rendered.Api.Spec.Template.Spec.Containers).Env, e => e.Name == "Kubernetes__HpaName").Value);
        var behavior = scaled.At("spec.advanced.horizontalPodAutoscalerConfig.behavior");
        Assert.Equal(hpa.Spec.Behavior.ScaleDown.StabilizationWindowSeconds, (int?)scaled.Integer("spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds"));
        Assert.Equal(hpa.Spec.Behavior.ScaleUp.Policies.Count, (behavior?["scaleUp"]?["policies"] as JsonArray)?.Count);
    }

    [Fact]
    public async Task TheMetricsApiTriggerReadsDesiredWorkersFromTheApiServiceOneReplicaPerWorker()
    {
        var rendered = await RenderAsync(null, Keda);
        var scaled = Assert.Single(rendered.CustomResources("ScaledObject"));
        var api = rendered.Component<V1Service>("api");

        Assert.Single(Assert.IsType<JsonArray>(scaled.At("spec.triggers")));
        Assert.Equal(("metrics-api", "AverageValue"), (scaled.Text("spec.triggers[0].type"), scaled.Text("spec.triggers[0].metricType")));
        Assert.Equal($"http://{api.Name()}.{Helm.Release}.svc:{Assert.Single(api.Spec.Ports).Port}/api/scaling", scaled.Text("spec.triggers[0].metadata.url"));
        Assert.Equal("desired_workers", scaled.Text("spec.triggers[0].metadata.valueLocation"));
        Assert.Equal("1", scaled.Text("spec.triggers[0].metadata.targetValue"));
        AllTriggerMetadataAreStrings(scaled);
    }

    [Fact]
    public async Task ThePrometheusTriggerQueriesTheDesiredWorkersGaugeOfThisNamespace()
    {
        var rendered = await RenderAsync(null, [.. Keda, "--set", "silo.autoscaling.keda.trigger=prometheus",
            "--set", "silo.autoscaling.keda.prometheus.serverAddress=http://prometheus-operated.monitoring.svc:9090"]);
        var scaled = Assert.Single(rendered.CustomResources("ScaledObject"));

        Assert.Equal(("prometheus", "AverageValue"), (scaled.Text("spec.triggers[0].type"), scaled.Text("spec.triggers[0].metricType")));
        Assert.Equal("http://prometheus-operated.monitoring.svc:9090", scaled.Text("spec.triggers[0].metadata.serverAddress"));
        Assert.Equal($"max(pi_orleans_scaling_desired_workers{{namespace=\"{Helm.Release}\"}})", scaled.Text("spec.triggers[0].metadata.query"));
        Assert.Contains(ExportedMetrics.FamilyOf("pi_orleans_scaling_desired_workers"), ExportedMetrics.Families.Keys);
        Assert.Equal("1", scaled.Text("spec.triggers[0].metadata.threshold"));
        AllTriggerMetadataAreStrings(scaled);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void TheApisBacklogSignalIsClampedToTheWorkersAutoscalingRange(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var spec = Assert.Single(rendered.OfType<V2HorizontalPodAutoscaler>()).Spec;
        var api = Assert.Single(rendered.Api.Spec.Template.Spec.Containers).Env;

        Assert.Equal(spec.MinReplicas.ToString(), Assert.Single(api, e => e.Name == "Scaling__MinWorkers").Value);
        Assert.Equal(spec.MaxReplicas.ToString(), Assert.Single(api, e => e.Name == "Scaling__MaxWorkers").Value);
        Assert.DoesNotContain(Assert.Single(rendered.Silo.Spec.Template.Spec.Containers).Env, e => e.Name.StartsWith("Scaling__", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silo.autoscaling.mode=hpa", "silo.autoscaling.mode must be cpu or keda")]
    [InlineData("silo.autoscaling.mode=keda,silo.autoscaling.minReplicas=0", "minReplicas must be at least 1")]
    [InlineData("silo.autoscaling.mode=keda,silo.autoscaling.keda.trigger=cron", "trigger must be metrics-api or prometheus")]
    [InlineData("silo.autoscaling.mode=keda,silo.autoscaling.keda.trigger=prometheus", "serverAddress is required")]
    public async Task BadAutoscalingValuesFailTheRender(string set, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Helm.TemplateAsync(null, ["--set", set], Token));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task AutoscalingOffRendersNeitherAnHpaNorAScaledObjectAndGivesTheWorkersAReplicaCount()
    {
        var rendered = await RenderAsync(null, ["--set", "silo.autoscaling.enabled=false", "--set", "silo.autoscaling.mode=keda"]);

        Assert.Empty(rendered.OfType<V2HorizontalPodAutoscaler>());
        Assert.Empty(rendered.CustomResources("ScaledObject"));
        Assert.Equal(1, rendered.Silo.Spec.Replicas);
    }

    [Theory]
    [InlineData(ValuesFiles.Default, "metrics-api")]
    [InlineData(ValuesFiles.Production, "prometheus")]
    public async Task HelmLintPassesStrictlyInModeKeda(string valuesFile, string trigger)
    {
        var output = await Helm.LintAsync(valuesFile, [.. Keda, "--set", $"silo.autoscaling.keda.trigger={trigger}",
            "--set", "silo.autoscaling.keda.prometheus.serverAddress=http://prometheus:9090"], Token);

        Assert.Contains("0 chart(s) failed", output);
    }

    private static async Task<RenderedChart> RenderAsync(string? valuesFile, IEnumerable<string> arguments) =>
        RenderedChart.Load(await Helm.TemplateAsync(valuesFile, arguments, Token));

    // KEDA's trigger metadata is a map of strings: a bare number or boolean would be refused by the API server.
    private static void AllTriggerMetadataAreStrings(CustomResource scaled)
    {
        var metadata = Assert.IsType<JsonObject>(scaled.At("spec.triggers[0].metadata"));
        Assert.All(metadata, p => Assert.True(p.Value?.GetValueKind() == JsonValueKind.String, $"trigger metadata {p.Key} is not a string"));
    }
}
