using Orleans.TestingHost;

namespace Pi.Orleans.Grains.Tests.Cluster;

/// <summary>
/// Two silos with the index partitions and the admission budget and nothing else running: the shared three-silo cluster runs
/// calculations that finish (and silos that die) while an admission test counts, which frees room it did not plan for.
/// </summary>
public sealed class AdmissionCluster : IAsyncLifetime
{
    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddPiGrains();
            silo.AddMemoryGrainStorage(StorageNames.Calculations);
            silo.UseInMemoryReminderService();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
