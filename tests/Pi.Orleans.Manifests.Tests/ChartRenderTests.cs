using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;
using YamlDotNet.Core;

namespace Pi.Orleans.Manifests.Tests;

public sealed class ChartRenderTests(ChartFixture chart)
{
    // The backup CronJob and its PVC are in every values file (backup.enabled defaults to true).
    // No Namespace for helm (--create-namespace); one ServiceAccount, Role and RoleBinding per silo role; Services: api, cluster,
    // redis and its headless governing Service.
    private const string BaseKinds =
        "ConfigMap=1,CronJob=1,Deployment=2,HorizontalPodAutoscaler=1,NetworkPolicy=3,PersistentVolumeClaim=1,";

    // On k3s the chart creates two Secrets with generated values: the Redis password and the API key.
    [Theory]
    [InlineData(ValuesFiles.Default, BaseKinds + "PodDisruptionBudget=1,Role=2,RoleBinding=2,Secret=2,Service=4,ServiceAccount=2,StatefulSet=1")]
    [InlineData(ValuesFiles.K3s, BaseKinds + "PodDisruptionBudget=1,Role=2,RoleBinding=2,Secret=2,Service=4,ServiceAccount=2,StatefulSet=1")]
    [InlineData(ValuesFiles.K3sMultinode, BaseKinds + "PodDisruptionBudget=1,Role=2,RoleBinding=2,Secret=2,Service=4,ServiceAccount=2,StatefulSet=1")]
    // Production adds the Ingress, the Api's budget (2 replicas), the ServiceMonitor and the headless worker metrics Service it selects,
    // and reads both Secrets from existing ones.
    [InlineData(ValuesFiles.Production, "ConfigMap=1,CronJob=1,Deployment=2,HorizontalPodAutoscaler=1,Ingress=1,NetworkPolicy=3," +
        "PersistentVolumeClaim=1,PodDisruptionBudget=2,Role=2,RoleBinding=2,Service=5,ServiceAccount=2,ServiceMonitor=1,StatefulSet=1")]
    public void EachValuesFileRendersTheExpectedObjectsPerKind(string valuesFile, string expected)
    {
        Assert.Equal(expected.Split(','), chart[valuesFile].CountsByKind());
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void EveryObjectIsNamedLabelledAndInThePiOrleansNamespace(string valuesFile)
    {
        foreach (var item in chart[valuesFile].Objects)
        {
            var what = $"{item.Kind}/{item.Name()}";
            Assert.False(string.IsNullOrEmpty(item.Name()), $"{item.Kind} has no name");
            Assert.Equal("pi-orleans", item.Metadata.Labels.ValueOrNull("app.kubernetes.io/name"));
            Assert.Equal("pi-orleans", item.Metadata.Labels.ValueOrNull("app.kubernetes.io/part-of"));
            if (item is V1Namespace)
            {
                Assert.Equal(Helm.Release, item.Name());
            }
            else
            {
                Assert.True(item.Namespace() == Helm.Release, $"{what} is in namespace '{item.Namespace()}'");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public async Task HelmLintPassesStrictly(string valuesFile)
    {
        var output = await Helm.LintAsync(valuesFile, TestContext.Current.CancellationToken);

        Assert.Contains("0 chart(s) failed", output);
    }

    [Fact]
    public void StrictLoadingRejectsAFieldTheModelsDoNotKnow()
    {
        const string Yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\ndatta:\n  c: d\n";

        Assert.ThrowsAny<YamlException>(() => RenderedChart.Load(Yaml));
    }

    [Fact]
    public void AKindNeitherTheModelsNorTheCustomResourceListKnowFailsTheLoad()
    {
        const string Yaml = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: x\nspec:\n  a: b\n";

        Assert.ThrowsAny<Exception>(() => RenderedChart.Load(Yaml));
    }

    [Theory]
    [InlineData("metadata:\n  name: x\n  namespce: y\nspec:\n  a: b\n")]
    [InlineData("metadata:\n  name: x\nspec:\n  a: b\nstatus:\n  c: d\n")]
    [InlineData("metadata:\n  name: x\n")]
    public void ACustomResourceWithAnUnknownMetadataOrTopLevelFieldOrNoSpecFailsTheLoad(string body)
    {
        Assert.ThrowsAny<YamlException>(() => RenderedChart.Load("apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\n" + body));
    }

    [Fact]
    public void ACustomResourceKeepsItsSpecWithPlainScalarsTypedAndQuotedOnesAsStrings()
    {
        const string Yaml = "---\n# Source: x\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: x\n  labels:\n    a: b\n" +
            "spec:\n  minReplicaCount: 1\n  triggers:\n    - metadata:\n        targetValue: \"1\"\n        flag: true\n" +
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n";

        var rendered = RenderedChart.Load(Yaml);

        var scaled = Assert.Single(rendered.CustomResources("ScaledObject"));
        Assert.Equal(("x", "b"), (scaled.Name(), scaled.Metadata.Labels["a"]));
        Assert.Equal(1, scaled.Integer("spec.minReplicaCount"));
        Assert.Equal("1", scaled.Text("spec.triggers[0].metadata.targetValue"));
        Assert.Equal("true", scaled.At("spec.triggers[0].metadata.flag")!.ToJsonString());
        Assert.Null(scaled.At("spec.triggers[1]"));
        Assert.Single(rendered.OfType<V1ConfigMap>());
    }

    [Fact]
    public async Task ALatestImageTagFailsTheRender()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Helm.TemplateAsync(null, ["--set", "image.tag=latest"], TestContext.Current.CancellationToken));

        Assert.Contains("pinned image tag", error.Message);
    }

    [Fact]
    public async Task AGracePeriodShorterThanTheShutdownBudgetFailsTheRender()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Helm.TemplateAsync(null, ["--set", "shutdown.terminationGracePeriodSeconds=60"], TestContext.Current.CancellationToken));

        Assert.Contains("terminationGracePeriodSeconds", error.Message);
    }
}
