using System.Globalization;
using Pi.Orleans.Client;
using Xunit;

namespace Pi.Orleans.Testing;

/// <summary>The Api in its embedded default (no Redis), as a real process on free loopback ports, shared by a test collection.</summary>
public sealed class EmbeddedApiFixture : IAsyncLifetime
{
    private HostProcess? _api;

    /// <summary>A client for the Api.</summary>
    public HttpClient Http => _api!.Http;

    /// <summary>The typed client for the Api.</summary>
    public PiApiClient Client => _api!.Client;

    /// <summary>The Api's base URL.</summary>
    public string Url => $"http://127.0.0.1:{_api!.HttpPort}";

    public async ValueTask InitializeAsync()
    {
        _api = HostProcess.Start("api", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Pi__ChunkPoints"] = (1 << 22).ToString(CultureInfo.InvariantCulture),
            ["Pi__ChunkDuration"] = "00:00:00",
            ["Pi__MaxSinglePoints"] = "2000000000",
            ["Limits__SubmissionsPerMinutePerClient"] = "1000000",
        });
        await _api.WaitReadyAsync(TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}
