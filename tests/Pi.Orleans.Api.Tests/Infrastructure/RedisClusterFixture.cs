namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>A real redis-server, the Api and two worker Silo processes on loopback, forming one cluster.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    /// <summary>The API key every process accepts.</summary>
    public const string ApiKey = "redis-cluster-test-key";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly int _apiSiloPort = FreePort.Next();
    private readonly int _apiGatewayPort = FreePort.Next();
    private RedisServer? _redis;

    /// <summary>The redis-server every silo uses.</summary>
    public RedisServer Redis => _redis!;

    /// <summary>The Api process.</summary>
    public HostProcess Api { get; private set; } = null!;

    /// <summary>The worker processes, named worker-1 and worker-2.</summary>
    public List<HostProcess> Workers { get; } = [];

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        for (var i = 1; i <= 2; i++)
        {
            Workers.Add(HostProcess.Start($"worker-{i}", RepositoryPaths.HostDll("Silo", "Pi.Orleans.Silo"), Environment($"worker-{i}", FreePort.Next(), FreePort.Next())));
        }

        Api = StartApi();
        Api.Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await Task.WhenAll(Workers.Select(w => w.WaitReadyAsync(ReadyTimeout)).Append(Api.WaitReadyAsync(ReadyTimeout)));
    }

    /// <summary>Kills the Api process and starts a new one with the same settings.</summary>
    public async Task RestartApiAsync()
    {
        Api.Kill();
        await Api.DisposeAsync();
        Api = StartApi();
        Api.Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await Api.WaitReadyAsync(ReadyTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Workers.Append(Api).Where(h => h is not null))
        {
            await host.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private HostProcess StartApi() =>
        HostProcess.Start("api", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), Environment("front", _apiSiloPort, _apiGatewayPort));

    private Dictionary<string, string> Environment(string name, int siloPort, int gatewayPort) => new()
    {
        ["ConnectionStrings__Redis"] = _redis!.ConnectionString,
        ["Cluster__ClusterId"] = _clusterId,
        ["Cluster__SiloName"] = name,
        ["Cluster__SiloPort"] = siloPort.ToString(),
        ["Cluster__GatewayPort"] = gatewayPort.ToString(),
        ["Pi__ChunkPoints"] = (1 << 22).ToString(),
        ["Pi__ChunkDuration"] = "00:00:00",
        ["Pi__Slots"] = "2",
        ["Auth__ApiKeys__0"] = ApiKey,
    };
}
