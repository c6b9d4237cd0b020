using Pi.Orleans.Testing;

namespace Pi.Orleans.Cli.Tests.Infrastructure;

/// <summary>The Api in its embedded default (no Redis) as a real process on free loopback ports, for the command tests.</summary>
public sealed class EmbeddedApiFixture : IAsyncLifetime
{
    private HostProcess? _api;

    /// <summary>The Api's base URL.</summary>
    public string Url => $"http://127.0.0.1:{_api!.HttpPort}";

    public async ValueTask InitializeAsync()
    {
        _api = HostProcess.Start("api", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Pi__ChunkPoints"] = (1 << 24).ToString(),
            ["Pi__MaxSinglePoints"] = "2000000000",
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
