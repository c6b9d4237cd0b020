using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Pi.Orleans.Hosting.Storage;

/// <summary>The Redis key of a grain's state: <c>{ServiceId}/state/{grain type}/{grain key}/{state name}</c>, the Orleans provider's own default layout.</summary>
internal sealed class RedisStorageKeys(IOptions<ClusterOptions> cluster)
{
    public RedisKey For(string stateName, GrainId grainId) => $"{cluster.Value.ServiceId}/state/{grainId.Type}/{grainId.Key}/{stateName}";
}
