using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Pi.Orleans.Grains.History;
using Pi.Orleans.Grains;

namespace Pi.Orleans.Hosting.Storage;

/// <summary>The calculation storage with bounded history: in memory (the newest <c>History:MaxEntries</c> finished) or in Redis (finished ones expire).</summary>
public static class StorageExtensions
{
    private const string RedisInner = StorageNames.Calculations + "-redis";

    /// <summary>
    /// Registers the "calculations" grain storage: Redis through <paramref name="redis"/> when it is set, else this process's memory.
    /// With <paramref name="registered"/>, Orleans has registered the Redis storage already (Orleans:GrainStorage:calculations), and
    /// only the expiry is wrapped around it.
    /// </summary>
    public static ISiloBuilder AddPiStorage(this ISiloBuilder silo, RedisLink? redis, bool registered)
    {
        silo.Services.AddOptions<HistoryOptions>()
            .BindConfiguration(HistoryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (redis is null)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Calculations, (services, _) => new BoundedMemoryGrainStorage(
                services.GetRequiredService<Serializer>(), services.GetRequiredService<IOptions<HistoryOptions>>().Value.MaxEntries));
            return silo;
        }

        if (!registered)
        {
            silo.AddRedisGrainStorage(StorageNames.Calculations, o => o.ConfigurationOptions = redis.Options());
        }

        silo.Services.AddSingleton<RedisStorageKeys>();
        silo.Services.AddSingleton(services => new RedisConnection(redis, services));
        MoveRedisStorage(silo.Services);
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Calculations, (services, _) => new ExpiringGrainStorage(
            services.GetRequiredKeyedService<IGrainStorage>(RedisInner),
            services.GetRequiredService<RedisStorageKeys>(),
            services.GetRequiredService<RedisConnection>(),
            services.GetRequiredService<IOptions<HistoryOptions>>().Value.Expiry,
            services.GetRequiredService<ILogger<ExpiringGrainStorage>>()));
        return silo;
    }

    // Orleans' Redis storage is registered under "calculations" (by its provider configuration, or above) and keeps that name for
    // its options and logs; it moves to another key so that "calculations" is the expiring wrapper. Its lifecycle registration still
    // resolves "calculations", so the wrapper takes part in the silo's lifecycle for it (ExpiringGrainStorage.Participate).
    private static void MoveRedisStorage(IServiceCollection services)
    {
        var redis = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Calculations));
        var create = redis.KeyedImplementationFactory
            ?? throw new InvalidOperationException($"The '{StorageNames.Calculations}' Redis grain storage is not registered by a factory; it cannot be wrapped.");
        services.Remove(redis);
        services.AddKeyedSingleton<IGrainStorage>(RedisInner, (provider, _) => (IGrainStorage)create(provider, StorageNames.Calculations));
    }
}
