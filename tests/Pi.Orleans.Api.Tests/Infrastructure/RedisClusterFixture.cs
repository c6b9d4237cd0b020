namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>A real redis-server, the Api and two worker Silo processes on loopback, forming one cluster (the harness's <see cref="LocalCluster"/>).</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    /// <summary>The API key every process accepts.</summary>
    public const string ApiKey = "redis-cluster-test-key";

    private LocalCluster? _cluster;

    /// <summary>The redis-server every silo uses.</summary>
    public RedisServer Redis => _cluster!.Redis;

    /// <summary>The Api process now.</summary>
    public HostProcess Api => _cluster!.Api.Process;

    /// <summary>The worker processes, named worker-1 and worker-2.</summary>
    public IReadOnlyList<HostProcess> Workers => [.. _cluster!.Workers.Select(w => w.Process)];

    public async ValueTask InitializeAsync()
    {
        _cluster = await LocalCluster.StartAsync(new LocalClusterOptions
        {
            ApiDll = RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"),
            SiloDll = RepositoryPaths.HostDll("Silo", "Pi.Orleans.Silo"),
            Workers = 2,
            ApiKey = ApiKey,
            RedisAppendOnly = true,
            // Chunks cut by points, not time, so a small calculation has many of them to spread over both workers; they last a
            // millisecond or so on a fast CPU, so no test here may need to catch one running (ScalingSignalTests has its own cluster).
            Environment = new Dictionary<string, string> { ["Pi__ChunkPoints"] = (1 << 22).ToString(), ["Pi__ChunkDuration"] = "00:00:00", ["Pi__Slots"] = "2" },
        }, TestContext.Current.CancellationToken);
        AddKey();
    }

    /// <summary>Kills the Api process and starts a new one with the same settings and ports.</summary>
    public async Task RestartApiAsync()
    {
        _cluster!.Api.Kill();
        await _cluster.Api.StartAsync();
        AddKey();
        await _cluster.Api.WaitReadyAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private void AddKey() => Api.Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
}
