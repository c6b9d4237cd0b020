using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Pi.Orleans.Grains.History;
using Pi.Orleans.Grains;
using StackExchange.Redis;

namespace Pi.Orleans.Hosting.Storage;

/// <summary>The calculation storage with bounded history: in memory (the newest <c>History:MaxEntries</c> finished) or in Redis (finished ones expire).</summary>
public static class StorageExtensions
{
    private const string RedisInner = StorageNames.Calculations + "-redis";

    /// <summary>Registers the "calculations" grain storage: Redis when <paramref name="redis"/> is set, else this process's memory.</summary>
    public static ISiloBuilder AddPiStorage(this ISiloBuilder silo, ConfigurationOptions? redis)
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

        silo.AddRedisGrainStorage(RedisInner, o => o.ConfigurationOptions = redis);
        silo.Services.AddSingleton<RedisStorageKeys>();
        silo.Services.AddSingleton(_ => new RedisConnection(redis));
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Calculations, (services, _) => new ExpiringGrainStorage(
            services.GetRequiredKeyedService<IGrainStorage>(RedisInner),
            services.GetRequiredService<RedisStorageKeys>(),
            services.GetRequiredService<RedisConnection>(),
            services.GetRequiredService<IOptions<HistoryOptions>>().Value.Expiry,
            services.GetRequiredService<ILogger<ExpiringGrainStorage>>()));
        return silo;
    }
}
