using Pi.Orleans.Client;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>The Api in its embedded default (no Redis), as a real process on free loopback ports.</summary>
public sealed class EmbeddedApiFixture : IAsyncLifetime
{
    private HostProcess? _api;

    /// <summary>A client for the Api.</summary>
    public HttpClient Http => _api!.Http;

    /// <summary>The typed client for the Api.</summary>
    public PiApiClient Client => _api!.Client;

    public async ValueTask InitializeAsync()
    {
        _api = HostProcess.Start("api", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Pi__ChunkPoints"] = (1 << 22).ToString(),
            ["Pi__MaxSinglePoints"] = "2000000000",
            ["Limits__SubmissionsPerMinutePerClient"] = "1000000",
        });
        await _api.WaitReadyAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}
