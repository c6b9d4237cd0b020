using Pi.Orleans.Kubernetes.Tests.Infrastructure;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>
/// A front silo and two workers in two "Deployments", all with UseKubernetesHosting: since every silo is named after a labelled pod,
/// no agent declares another dead.
/// </summary>
[Collection(KubernetesClusterCollection.Name)]
[Step(4)]
public sealed class ClusterStabilityTests(KubernetesClusterFixture cluster)
{
    private static readonly TimeSpan Observed = TimeSpan.FromSeconds(15);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NoSiloDeclaresAnotherDeadWhileEveryPodExists()
    {
        var seen = new HashSet<string>();
        var observed = Task.Delay(TimeSpan.FromTicks(Math.Max(0, (Observed - cluster.SinceReady).Ticks)), Token);
        await Eventually.SampleUntilAsync(observed, async token =>
        {
            var silos = await cluster.Api.Http.SiloNamesAsync(token);
            Assert.True(silos.Length >= 2, $"silos: {string.Join(", ", silos)}");
            seen.UnionWith(silos);
        }, Token, TimeSpan.FromMilliseconds(500));

        Assert.All(cluster.Workers.Append(cluster.Api), host => Assert.False(host.HasExited, $"{host.Name} exited:\n{host.Output}"));
        Assert.Equal(KubernetesClusterFixture.AllPods, await cluster.Api.Http.SiloNamesAsync(Token));
        var status = await cluster.Api.Http.GetJsonAsync("/api/k8s/status", Token);
        Assert.All(status["orleans"]!["silos"]!.AsArray(), s => Assert.Equal("Active", s!["status"]!.GetValue<string>()));
        Assert.Empty(status["mismatch"]!["silos_without_pod"]!.AsArray());
        Assert.Empty(status["mismatch"]!["pods_without_silo"]!.AsArray());
        Assert.Contains(cluster.Fake.Requests, r => r.Verb == "watch");
    }
}
