using System.Text.Json.Nodes;
using Pi.Orleans.Kubernetes.Tests.Fake;
using Pi.Orleans.Kubernetes.Tests.Infrastructure;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>GET /api/k8s/metrics against the fake API: pod usage from metrics.k8s.io and silo statistics from Orleans.</summary>
[Collection(KubernetesClusterCollection.Name)]
[Step(2)]
public sealed class MetricsApiTests(KubernetesClusterFixture cluster)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MetricsListPodUsageAndSiloStatistics()
    {
        var metrics = await cluster.Api.Http.GetJsonAsync("/api/k8s/metrics", Token);

        var kubernetes = metrics["kubernetes"]!;
        Assert.True(kubernetes["available"]!.GetValue<bool>(), kubernetes.ToJsonString());
        var pods = kubernetes["pods"]!.AsArray();
        Assert.Equal(KubernetesClusterFixture.AllPods, pods.Select(p => p!["name"]!.GetValue<string>()));
        Assert.All(pods, p =>
        {
            Assert.Equal(250, p!["cpu_millicores"]!.GetValue<double>());
            Assert.Equal(300L * 1024 * 1024, p["memory_bytes"]!.GetValue<long>());
            Assert.Equal("30s", p["window"]!.GetValue<string>());
        });

        var silos = metrics["orleans"]!["silos"]!.AsArray();
        Assert.Equal(KubernetesClusterFixture.AllPods, silos.Select(s => s!["name"]!.GetValue<string>()));
        Assert.All(silos, s =>
        {
            Assert.InRange(s!["cpu_usage_percent"]!.GetValue<float>(), 0, 100);
            Assert.True(s["memory_usage_bytes"]!.GetValue<long>() > 0, s.ToJsonString());
            Assert.True(s["maximum_available_memory_bytes"]!.GetValue<long>() > 0, s.ToJsonString());
            Assert.True(s["activations"]!.GetValue<int>() >= 0, s.ToJsonString());
        });
    }

    [Fact]
    public async Task MetricsAnswerForbiddenWithTheOrleansPartWhenTheRoleDeniesTheCall()
    {
        var metrics = await GetInModeAsync(FakeMode.Forbidden);

        Assert.False(metrics["kubernetes"]!["available"]!.GetValue<bool>());
        Assert.StartsWith("forbidden", metrics["kubernetes"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(metrics["kubernetes"]!["pods"]);
        Assert.Equal(3, metrics["orleans"]!["silos"]!.AsArray().Count);
    }

    [Fact]
    public async Task MetricsAnswerTimeoutWithTheOrleansPartWhenTheApiIsSlow()
    {
        cluster.Fake.SlowDelay = TimeSpan.FromSeconds(20);
        var metrics = await GetInModeAsync(FakeMode.Slow);

        Assert.False(metrics["kubernetes"]!["available"]!.GetValue<bool>());
        Assert.StartsWith("timeout", metrics["kubernetes"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, metrics["orleans"]!["silos"]!.AsArray().Count);
    }

    private async Task<JsonNode> GetInModeAsync(FakeMode mode)
    {
        cluster.Fake.Mode = mode;
        try
        {
            return await cluster.Api.Http.GetJsonAsync("/api/k8s/metrics", Token);
        }
        finally
        {
            cluster.Fake.Mode = FakeMode.Normal;
        }
    }
}
