using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

public sealed class NetworkPolicyTests(ChartFixture chart)
{
    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void WorkersMayConnectOnlyToRedisSiloPortsDnsAndTheApiServer(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var egress = Assert.Single(rendered.OfType<V1NetworkPolicy>(), n => n.Spec.PolicyTypes.Contains("Egress"));
        var rules = egress.Spec.Egress;

        Assert.Equal(rendered.Silo.Spec.Selector.MatchLabels, egress.Spec.PodSelector.MatchLabels);
        Assert.Equal(4, rules.Count);
        Assert.Equal(rendered.Redis.Spec.Selector.MatchLabels, Assert.Single(rules[0].To).PodSelector.MatchLabels);
        Assert.Equal(["6379"], rules[0].Ports.Select(p => p.Port.Value));
        Assert.Equal("pi-orleans", Assert.Single(rules[1].To).PodSelector.MatchLabels.ValueOrNull("orleans/serviceId"));
        Assert.Equal(["11111"], rules[1].Ports.Select(p => p.Port.Value));
        Assert.Equal("kube-system", Assert.Single(rules[2].To).NamespaceSelector.MatchLabels.ValueOrNull("kubernetes.io/metadata.name"));
        Assert.Equal(["53/UDP", "53/TCP"], rules[2].Ports.Select(p => $"{p.Port.Value}/{p.Protocol}"));
        Assert.All(rules[3].To, peer => Assert.NotNull(peer.IpBlock));
        Assert.Equal(["443", "6443"], rules[3].Ports.Select(p => p.Port.Value));
    }
}
