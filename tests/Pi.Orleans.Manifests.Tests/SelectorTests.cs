using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

public sealed class SelectorTests(ChartFixture chart)
{
    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void EveryWorkloadSelectsItsOwnPodsAndNoOthers(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var selectors = rendered.OfType<V1Deployment>().Select(d => (d.Name(), d.Spec.Selector.MatchLabels))
            .Concat(rendered.OfType<V1StatefulSet>().Select(s => (s.Name(), s.Spec.Selector.MatchLabels)));

        foreach (var (name, selector) in selectors)
        {
            Assert.Equal([name], Selected(rendered, selector));
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void ServicesSelectTheirComponentsOnNamedPortsThePodsDeclare(string valuesFile)
    {
        var rendered = chart[valuesFile];

        Assert.Equal([rendered.Api.Name()], Selected(rendered, rendered.Component<V1Service>("api").Spec.Selector));
        Assert.All(rendered.OfType<V1Service>().Where(s => s.Metadata.Labels.ValueOrNull("app.kubernetes.io/component") == "redis"),
            s => Assert.Equal([rendered.Redis.Name()], Selected(rendered, s.Spec.Selector)));
        foreach (var service in rendered.OfType<V1Service>())
        {
            var pods = rendered.PodTemplates.Where(t => Matches(service.Spec.Selector, t.Template.Metadata.Labels)).ToList();
            Assert.NotEmpty(pods);
            foreach (var port in service.Spec.Ports)
            {
                Assert.All(pods, t => Assert.Contains(t.Template.Spec.Containers.SelectMany(c => c.Ports), p => p.Name == port.TargetPort.Value));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void HeadlessServiceCoversFrontAndWorkerSilosOnTheHttpAndSiloPortsIncludingUnreadyPods(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var headless = rendered.Component<V1Service>("cluster");

        Assert.Equal("None", headless.Spec.ClusterIP);
        Assert.True(headless.Spec.PublishNotReadyAddresses);
        Assert.Equal(Names(rendered.Api, rendered.Silo), Selected(rendered, headless.Spec.Selector));
        Assert.Equal([("http", 8080), ("silo", 11111)], headless.Spec.Ports.Select(p => (p.Name, p.Port)));
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void TheWorkersHaveADisruptionBudgetAndTheApiOneExactlyWhenItHasSeveralReplicas(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var budgets = rendered.OfType<V1PodDisruptionBudget>().ToDictionary(b => Assert.Single(Selected(rendered, b.Spec.Selector.MatchLabels)));

        Assert.Contains(rendered.Silo.Name(), budgets.Keys);
        Assert.Equal(rendered.Api.Spec.Replicas > 1, budgets.ContainsKey(rendered.Api.Name()));
        if (budgets.TryGetValue(rendered.Api.Name(), out var api))
        {
            Assert.True(api.Spec.MinAvailable.Value is "1", $"the Api budget keeps {api.Spec.MinAvailable.Value} pods");
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void RedisIsGovernedByAHeadlessServiceWhileClientsUseItsClusterIpService(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var governing = Assert.Single(rendered.OfType<V1Service>(), s => s.Name() == rendered.Redis.Spec.ServiceName);

        Assert.Equal(("None", true), (governing.Spec.ClusterIP, governing.Spec.PublishNotReadyAddresses));
        Assert.Equal([rendered.Redis.Name()], Selected(rendered, governing.Spec.Selector));
        Assert.Null(rendered.RedisService.Spec.ClusterIP);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void OnlySiloAndBackupPodsReachRedisAndOnlySiloPodsTheSiloPortWhileHttpStaysOpenAndTheGatewayIsClosed(string valuesFile)
    {
        var rendered = chart[valuesFile];
        var redis = rendered.Component<V1NetworkPolicy>("redis");
        var silos = rendered.Component<V1NetworkPolicy>("cluster");
        Assert.DoesNotContain(rendered.OfType<V1NetworkPolicy>().SelectMany(n => n.Spec.Ingress ?? []).SelectMany(r => r.Ports ?? []),
            p => p.Port.Value is "gateway" or "30000");
        var siloNames = Names(rendered.Api, rendered.Silo);

        Assert.Equal([rendered.Redis.Name()], Selected(rendered, redis.Spec.PodSelector.MatchLabels));
        var redisRule = Assert.Single(redis.Spec.Ingress);
        Assert.All(redisRule.FromProperty, peer => Assert.True(peer.NamespaceSelector is null && peer.IpBlock is null, "a Redis peer reaches beyond this namespace's pods"));
        string[][] peers = [siloNames, [rendered.Backup!.Name()]];
        Assert.Equal(peers, redisRule.FromProperty.Select(peer => Selected(rendered, peer.PodSelector.MatchLabels)).ToArray());
        Assert.Equal(["redis"], redisRule.Ports.Select(p => p.Port.Value));

        Assert.Equal(siloNames, Selected(rendered, silos.Spec.PodSelector.MatchLabels));
        var orleansRule = Assert.Single(silos.Spec.Ingress, r => r.FromProperty is { Count: > 0 });
        Assert.Equal(siloNames, Selected(rendered, Assert.Single(orleansRule.FromProperty).PodSelector.MatchLabels));
        Assert.Equal(["silo"], orleansRule.Ports.Select(p => p.Port.Value));
        var openRule = Assert.Single(silos.Spec.Ingress, r => r.FromProperty is null or { Count: 0 });
        Assert.Equal(["http"], openRule.Ports.Select(p => p.Port.Value));
    }

    [Theory]
    [InlineData(ValuesFiles.Default)]
    [InlineData(ValuesFiles.K3s)]
    [InlineData(ValuesFiles.K3sMultinode)]
    public void OnK3sTheApiIsOnNodePort30080(string valuesFile)
    {
        var service = chart[valuesFile].Component<V1Service>("api");

        Assert.Equal("NodePort", service.Spec.Type);
        Assert.Equal(("http", 30080), (Assert.Single(service.Spec.Ports).Name, service.Spec.Ports[0].NodePort));
        Assert.Empty(chart[valuesFile].OfType<V1Ingress>());
    }

    [Fact]
    public void InProductionTheApiIsAClusterIpServiceBehindAnIngress()
    {
        var rendered = chart[ValuesFiles.Production];
        var service = rendered.Component<V1Service>("api");
        var backend = Assert.Single(Assert.Single(Assert.Single(rendered.OfType<V1Ingress>()).Spec.Rules).Http.Paths).Backend.Service;

        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Equal((service.Name(), "http"), (backend.Name, backend.Port.Name));
    }

    [Fact]
    public void OnTwoNodesRedisIsPinnedToTheDatabaseNode()
    {
        var redis = chart[ValuesFiles.K3sMultinode].Redis.Spec.Template.Spec;

        Assert.Equal("database", redis.NodeSelector.ValueOrNull("role"));
        Assert.Null(chart[ValuesFiles.Default].Redis.Spec.Template.Spec.NodeSelector);
    }

    private static string[] Names(params V1Deployment[] deployments) => [.. deployments.Select(d => d.Name()).Order(StringComparer.Ordinal)];

    private static string[] Selected(RenderedChart rendered, IDictionary<string, string> selector) =>
        [.. rendered.PodTemplates.Where(t => Matches(selector, t.Template.Metadata.Labels)).Select(t => t.Owner).Order(StringComparer.Ordinal)];

    private static bool Matches(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector is { Count: > 0 } && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);
}
