using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

public sealed class RbacTests(ChartFixture chart)
{
    // Per role, the Kubernetes API calls it makes (docs/kubernetes-code.md): every silo runs Orleans' hosting agent (get its pod, list
    // and watch the silo pods); the Api also reads the worker HPA and lists pod metrics; the workers patch their deletion cost.
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["pi-orleans-api"] = ["/pods:get", "/pods:list", "/pods:watch", "autoscaling/horizontalpodautoscalers:get", "metrics.k8s.io/pods:list"],
        ["pi-orleans-silo"] = ["/pods:get", "/pods:list", "/pods:patch", "/pods:watch"],
    };

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void EachRoleGrantsExactlyTheCallsItsSilosMake(string valuesFile)
    {
        var roles = chart[valuesFile].OfType<V1Role>().ToDictionary(r => r.Name(), Granted);

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), roles.Keys.Order(StringComparer.Ordinal));
        Assert.All(Expected, e => Assert.Equal(e.Value, roles[e.Key]));
        Assert.All(chart[valuesFile].OfType<V1Role>().SelectMany(r => r.Rules), r => Assert.True(r.ResourceNames is null && r.NonResourceURLs is null));
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void TheApiCannotPatchPodsAndTheWorkersCannotReadTheHpaOrMetrics(string valuesFile)
    {
        var roles = chart[valuesFile].OfType<V1Role>().ToDictionary(r => r.Name(), Granted);

        Assert.DoesNotContain("/pods:patch", roles["pi-orleans-api"]);
        Assert.DoesNotContain(roles["pi-orleans-silo"], g => g.StartsWith("autoscaling/", StringComparison.Ordinal) || g.StartsWith("metrics.k8s.io/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void NothingIsClusterWide(string valuesFile)
    {
        var kinds = chart[valuesFile].Objects.Select(o => o.Kind).ToList();

        Assert.DoesNotContain("ClusterRole", kinds);
        Assert.DoesNotContain("ClusterRoleBinding", kinds);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void EachRoleIsBoundToTheServiceAccountOfItsOwnPodsOnly(string valuesFile)
    {
        var rendered = chart[valuesFile];

        foreach (var deployment in rendered.SiloDeployments)
        {
            var account = deployment.Spec.Template.Spec.ServiceAccountName;
            var binding = Assert.Single(rendered.OfType<V1RoleBinding>(), b => b.Subjects.Any(s => s.Name == account));
            var subject = Assert.Single(binding.Subjects);

            Assert.Equal(("Role", account), (binding.RoleRef.Kind, binding.RoleRef.Name));
            Assert.Equal(("ServiceAccount", account, Helm.Release), (subject.Kind, subject.Name, subject.NamespaceProperty));
        }
    }

    private static string[] Granted(V1Role role) =>
        [.. role.Rules.SelectMany(r => from g in r.ApiGroups from res in r.Resources from verb in r.Verbs select $"{g}/{res}:{verb}").Order(StringComparer.Ordinal)];
}
