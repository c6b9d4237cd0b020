using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using StackExchange.Redis;

namespace Pi.Orleans.Grains.Tests.Cluster;

/// <summary>An in-process cluster of three silos with the π grains, Redis grain storage and fast failure detection.</summary>
public sealed class PiTestCluster : IAsyncLifetime
{
    /// <summary>Slots per silo.</summary>
    public const int SlotsPerSilo = 2;

    /// <summary>Points per chunk: small, so a calculation has many chunks.</summary>
    public const long ChunkPoints = 1L << 21;

    private RedisServer? _redis;

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var connection = _redis.ConnectionString;
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddPiGrains();
            silo.AddActivityPropagation();
            silo.AddRedisGrainStorage(StorageNames.Calculations, o => o.ConfigurationOptions = ConfigurationOptions.Parse(connection));
            silo.UseInMemoryReminderService();
            silo.Services.Configure<PiOptions>(o =>
            {
                o.Slots = SlotsPerSilo;
                o.ChunkPoints = ChunkPoints;

                // Cut by ChunkPoints even once the slots measure their rate: the tests count on a calculation's chunks.
                o.ChunkDuration = TimeSpan.Zero;
                o.ChunkTimeout = TimeSpan.FromSeconds(10);
                o.PersistInterval = TimeSpan.FromMilliseconds(200);
            });
            silo.Configure<ClusterMembershipOptions>(m =>
            {
                m.ProbeTimeout = TimeSpan.FromSeconds(1);
                m.NumMissedProbesLimit = 1;
                m.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromSeconds(15));
        });
        builder.ConfigureClient(client => client
            .AddActivityPropagation()
            .Configure<ClientMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromSeconds(15)));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Starts a calculation and returns its grain.</summary>
    public async Task<ICalculationGrain> StartAsync(long points, CalculationMode mode, ulong seed)
    {
        var grain = Cluster.Client.GetGrain<ICalculationGrain>(Guid.NewGuid());
        await grain.StartAsync(new CalculationRequest(points, mode, seed, SeedChosenByService: false));
        return grain;
    }

    /// <summary>Reads the calculation until <paramref name="done"/> holds, riding over a silo that just died.</summary>
    public static Task<CalculationSnapshot> WaitAsync(ICalculationGrain grain, Func<CalculationSnapshot, bool> done, TimeSpan timeout) =>
        Eventually.ReachesAsync<CalculationSnapshot>(
            async _ =>
            {
                try
                {
                    return await grain.GetAsync();
                }
                catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
                {
                    // The calculation's own silo may have been the one killed; the next call activates it elsewhere.
                    return null;
                }
            },
            done,
            timeout,
            last => $"last: {last}",
            CancellationToken.None,
            TimeSpan.FromMilliseconds(20));

    /// <summary>Whether the snapshot has reached a final status.</summary>
    public static bool Finished(CalculationSnapshot s) => !s.Status.IsActive();

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
