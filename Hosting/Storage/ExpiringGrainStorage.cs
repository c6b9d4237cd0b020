using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Pi.Orleans.Grains.History;
using StackExchange.Redis;

namespace Pi.Orleans.Hosting.Storage;

/// <summary>
/// Redis mode: the Orleans Redis grain storage, plus an expiry on a history record's key once it is finished, so that
/// finished calculations leave Redis after <c>History:Expiry</c>. Running ones and the index never expire.
/// </summary>
internal sealed partial class ExpiringGrainStorage(
    IGrainStorage inner, RedisStorageKeys keys, RedisConnection redis, TimeSpan expiry, ILogger<ExpiringGrainStorage> logger)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    // Orleans registers the Redis storage's lifecycle participation under the storage's name, which is this wrapper's: the inner
    // storage connects to Redis when the silo starts only through this.
    public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (grainState.State is not IHistoryRecord { IsFinished: true })
        {
            return;
        }

        try
        {
            // Sent without waiting for the reply: the write itself is done, so a lost expiry only keeps the record longer, and
            // a small request does not pay a second round trip. Later writes (HMSET) keep the expiry.
            var database = await redis.DatabaseAsync();
            await database.KeyExpireAsync(keys.For(stateName, grainId), expiry, ExpireWhen.Always, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogExpireFailed(logger, stateName, grainId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the expiry of {StateName} of {GrainId}; it stays until removed")]
    private static partial void LogExpireFailed(ILogger logger, string stateName, GrainId grainId, Exception exception);
}
