using StackExchange.Redis;

namespace Pi.Orleans.Hosting.Storage;

/// <summary>One lazily opened Redis connection of this silo for the calls Orleans' providers do not make (key expiry).</summary>
internal sealed class RedisConnection(RedisLink link, IServiceProvider services) : IAsyncDisposable
{
    private readonly Lazy<Task<(IConnectionMultiplexer Multiplexer, bool Shared)>> _connection = new(() => link.ConnectAsync(services));

    public async Task<IDatabase> DatabaseAsync() => (await _connection.Value).Multiplexer.GetDatabase();

    public async ValueTask DisposeAsync()
    {
        // A keyed multiplexer is shared with Orleans' providers: its container disposes it, not this.
        if (_connection.IsValueCreated && await _connection.Value is { Shared: false } owned)
        {
            await owned.Multiplexer.DisposeAsync();
        }
    }
}
