using Pi.Orleans.Kubernetes.Tests.Fake;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>In a pod but without Redis, a silo skips Kubernetes hosting with a warning and runs the embedded default.</summary>
public sealed class KubernetesWithoutRedisTests : IAsyncLifetime
{
    private FakeKubernetesApi _fake = null!;
    private HostProcess _silo = null!;

    public async ValueTask InitializeAsync()
    {
        _fake = await FakeKubernetesApi.StartAsync();
        _silo = HostProcess.Start("silo-no-redis", RepositoryPaths.HostDll("Silo", "Pi.Orleans.Silo"), new Dictionary<string, string>
        {
            ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1",
            ["Kubernetes__ApiUrl"] = _fake.Url,
            ["POD_NAME"] = "pi-orleans-worker-lonely",
            ["POD_NAMESPACE"] = "pi-test",
            ["Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Dashboard__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await _silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public void SiloStartsEmbeddedWarnsAndNeverCallsTheKubernetesApi()
    {
        Assert.Contains("Kubernetes hosting is skipped", _silo.Output, StringComparison.Ordinal);
        Assert.Empty(_fake.Requests);
    }
}
