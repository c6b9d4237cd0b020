using Pi.Orleans.Kubernetes.Tests.Infrastructure;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>Outside a pod (no KUBERNETES_SERVICE_HOST) the Kubernetes endpoints still answer 200 with the Orleans parts.</summary>
public sealed class OutsideKubernetesTests : IAsyncLifetime
{
    private HostProcess _api = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = HostProcess.Start("api-outside", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), new Dictionary<string, string>
        {
            ["KUBERNETES_SERVICE_HOST"] = "",
            ["Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Dashboard__Enabled"] = "false",
        });
        await _api.WaitReadyAsync(TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task StatusAndMetricsSayKubernetesIsUnavailableAndStillDescribeTheSilo()
    {
        var status = await _api.Http.GetJsonAsync("/api/k8s/status", Token);
        var metrics = await _api.Http.GetJsonAsync("/api/k8s/metrics", Token);

        Assert.False(status["kubernetes"]!["available"]!.GetValue<bool>());
        Assert.StartsWith("not running in Kubernetes", status["kubernetes"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(status["mismatch"]);
        Assert.Equal(1, status["orleans"]!["silo_count"]!.GetValue<int>());
        Assert.False(metrics["kubernetes"]!["available"]!.GetValue<bool>());
        Assert.StartsWith("not running in Kubernetes", metrics["kubernetes"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(metrics["orleans"]!["silos"]!.AsArray());
    }
}
