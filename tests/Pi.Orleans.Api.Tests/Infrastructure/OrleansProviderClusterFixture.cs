namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>
/// A real redis-server, the Api and two worker processes configured only as Aspire.Hosting.Orleans configures silos: Orleans'
/// provider sections with a ServiceKey and ConnectionStrings:&lt;key&gt;, no ConnectionStrings:Redis and no "Cluster" ids or ports.
/// </summary>
public sealed class OrleansProviderClusterFixture : IAsyncLifetime
{
    /// <summary>The ServiceKey (and connection string name) every provider names.</summary>
    public const string Key = "pi-redis";

    /// <summary>The cluster.</summary>
    public LocalCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Cluster = await LocalCluster.StartAsync(new LocalClusterOptions
    {
        ApiDll = RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"),
        SiloDll = RepositoryPaths.HostDll("Silo", "Pi.Orleans.Silo"),
        Workers = 2,
        OrleansProviderKey = Key,
        // Chunks cut by points, so that a small calculation has enough of them to reach both workers.
        Environment = new Dictionary<string, string> { ["Pi__ChunkPoints"] = (1 << 22).ToString(), ["Pi__ChunkDuration"] = "00:00:00", ["Pi__Slots"] = "2" },
    }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
