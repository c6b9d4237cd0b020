using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

public sealed class RbacTests(ChartFixture chart)
{
    // The Kubernetes API calls the silos make: Orleans hosting on pods, the HPA and pod metrics readers.
    private static readonly string[] Expected =
    [
        "/pods:get", "/pods:list", "/pods:patch", "/pods:watch",
        "autoscaling/horizontalpodautoscalers:get", "autoscaling/horizontalpodautoscalers:list",
        "metrics.k8s.io/pods:get", "metrics.k8s.io/pods:list",
    ];

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void RoleGrantsExactlyTheCallsTheSilosMake(string valuesFile)
    {
        var role = Assert.Single(chart[valuesFile].OfType<V1Role>());

        var granted = role.Rules.SelectMany(r =>
            from g in r.ApiGroups from res in r.Resources from verb in r.Verbs select $"{g}/{res}:{verb}");

        Assert.Equal(Expected, granted.Order(StringComparer.Ordinal));
        Assert.All(role.Rules, r => Assert.True(r.ResourceNames is null && r.NonResourceURLs is null));
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
    public void TheRoleIsBoundToTheSilosServiceAccount(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var binding = Assert.Single(rendered.OfType<V1RoleBinding>());
        var subject = Assert.Single(binding.Subjects);

        Assert.Equal(("Role", Assert.Single(rendered.OfType<V1Role>()).Name()), (binding.RoleRef.Kind, binding.RoleRef.Name));
        Assert.Equal(("ServiceAccount", rendered.Silo.Spec.Template.Spec.ServiceAccountName, Helm.Release), (subject.Kind, subject.Name, subject.NamespaceProperty));
    }
}
