using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;
using YamlDotNet.Core;

namespace Pi.Orleans.Manifests.Tests;

public sealed class ChartRenderTests(ChartFixture chart)
{
    private const string BaseKinds =
        "ConfigMap=1,Deployment=2,HorizontalPodAutoscaler=1,Namespace=1,NetworkPolicy=2,PodDisruptionBudget=1,Role=1,RoleBinding=1,";

    [Theory]
    [InlineData(ValuesFiles.Default, BaseKinds + "Secret=1,Service=3,ServiceAccount=1,StatefulSet=1")]
    [InlineData(ValuesFiles.K3s, BaseKinds + "Secret=1,Service=3,ServiceAccount=1,StatefulSet=1")]
    [InlineData(ValuesFiles.K3sMultinode, BaseKinds + "Secret=1,Service=3,ServiceAccount=1,StatefulSet=1")]
    [InlineData(ValuesFiles.Production, "ConfigMap=1,Deployment=2,HorizontalPodAutoscaler=1,Ingress=1,Namespace=1,NetworkPolicy=2," +
        "PodDisruptionBudget=1,Role=1,RoleBinding=1,Service=3,ServiceAccount=1,StatefulSet=1")]
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
