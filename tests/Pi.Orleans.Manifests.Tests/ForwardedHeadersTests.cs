using k8s.Models;
using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>
/// The client address behind the Api Service: externalTrafficPolicy per values file, and the proxies the Api trusts for
/// X-Forwarded-For (ForwardedHeaders__* on the Api container only).
/// </summary>
public sealed class ForwardedHeadersTests(ChartFixture chart)
{
    private const string Prefix = "ForwardedHeaders__";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ValuesFiles.Default, "Local")]
    [InlineData(ValuesFiles.K3s, "Local")]
    [InlineData(ValuesFiles.K3sMultinode, "Cluster")]
    [InlineData(ValuesFiles.Production, null)]
    public void TheApiServiceKeepsTheClientAddressWhereOneNodeServesIt(string valuesFile, string? policy)
    {
        var rendered = chart[valuesFile];

        var service = Assert.Single(rendered.OfType<V1Service>(), s => s.Name() == rendered.Api.Name());
        Assert.Equal(policy, service.Spec.ExternalTrafficPolicy);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles.All), MemberType = typeof(ValuesFiles))]
    public void ByDefaultTheApiTrustsNoProxyAndNoOtherContainerIsToldAny(string valuesFile)
    {
        var rendered = chart[valuesFile];

        Assert.Equal([(Prefix + "ForwardLimit", "1")], ProxyEnv(rendered.Api).Select(e => (e.Name, e.Value)));
        foreach (var (owner, template) in rendered.PodTemplates.Where(t => t.Owner != rendered.Api.Name()))
        {
            Assert.All(template.Spec.Containers, c => Assert.DoesNotContain(c.Env ?? [], e => e.Name.StartsWith(Prefix, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task ConfiguredProxiesAndNetworksReachTheApiAsIndexedKeys()
    {
        var rendered = RenderedChart.Load(await Helm.TemplateAsync(null,
        [
            "--set", "api.forwardedHeaders.knownProxies={127.0.0.1}",
            "--set", "api.forwardedHeaders.knownNetworks={10.42.0.0/16,fd00::/8}",
            "--set", "api.forwardedHeaders.forwardLimit=2",
        ], Token));

        Assert.Equal(
            [
                (Prefix + "KnownProxies__0", "127.0.0.1"),
                (Prefix + "KnownNetworks__0", "10.42.0.0/16"),
                (Prefix + "KnownNetworks__1", "fd00::/8"),
                (Prefix + "ForwardLimit", "2"),
            ],
            ProxyEnv(rendered.Api).Select(e => (e.Name, e.Value)));
    }

    private static List<V1EnvVar> ProxyEnv(V1Deployment deployment) =>
        [.. Assert.Single(deployment.Spec.Template.Spec.Containers).Env.Where(e => e.Name.StartsWith(Prefix, StringComparison.Ordinal))];
}
