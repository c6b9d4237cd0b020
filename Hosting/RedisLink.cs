using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Pi.Orleans.Hosting;

/// <summary>
/// How a silo reaches Redis: a connection string (ConnectionStrings:Redis, or an Orleans provider's ConnectionString), or the
/// keyed <see cref="IConnectionMultiplexer"/> an Orleans provider names by ServiceKey (what Aspire.Hosting.Orleans writes).
/// </summary>
public sealed record RedisLink(string? ConnectionString, string? ServiceKey)
{
    /// <summary>A link by connection string.</summary>
    public static RedisLink Of(string connectionString) => new(connectionString, null);

    /// <summary>
    /// The link an Orleans provider section describes, read as Orleans' Redis providers read it: ServiceKey first, then
    /// ConnectionString, then ConnectionName looked up under ConnectionStrings; null when it names none.
    /// </summary>
    public static RedisLink? FromProvider(IConfigurationSection provider, IConfiguration root)
    {
        if (provider["ServiceKey"] is { Length: > 0 } key)
        {
            return new RedisLink(null, key);
        }

        var connectionString = provider["ConnectionString"];
        if (string.IsNullOrEmpty(connectionString) && provider["ConnectionName"] is { Length: > 0 } name)
        {
            connectionString = root.GetConnectionString(name);
        }

        return string.IsNullOrEmpty(connectionString) ? null : Of(connectionString);
    }

    /// <summary>The connection options of a connection-string link; a lost connection is retried rather than fatal.</summary>
    public ConfigurationOptions Options()
    {
        var options = ConfigurationOptions.Parse(ConnectionString ?? throw new InvalidOperationException($"Redis link '{ServiceKey}' is a service key, not a connection string."));
        options.AbortOnConnectFail = false;
        return options;
    }

    /// <summary>A multiplexer for this link and whether it is shared (the keyed one from DI, which its container disposes).</summary>
    public async Task<(IConnectionMultiplexer Multiplexer, bool Shared)> ConnectAsync(IServiceProvider services) =>
        ServiceKey is { } key
            ? (services.GetRequiredKeyedService<IConnectionMultiplexer>(key), true)
            : (await ConnectionMultiplexer.ConnectAsync(Options()), false);
}
