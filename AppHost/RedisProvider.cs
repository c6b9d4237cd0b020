using Aspire.Hosting.Orleans;

namespace Pi.Orleans.AppHost;

/// <summary>
/// An Orleans provider on a Redis resource, whichever resource type runs it: Aspire derives the provider type from the resource's
/// type name ("RedisResource" gives "Redis"), which the redis-server executable's would not give.
/// </summary>
internal sealed class RedisProvider(IResourceBuilder<IResourceWithConnectionString> redis) : IProviderConfiguration
{
    public void ConfigureResource<T>(IResourceBuilder<T> resourceBuilder, string configurationSectionName)
        where T : IResourceWithEnvironment
    {
        var prefix = "Orleans__" + configurationSectionName.Replace(":", "__", StringComparison.Ordinal);
        resourceBuilder.WithEnvironment(prefix + "__ProviderType", "Redis")
            .WithEnvironment(prefix + "__ServiceKey", redis.Resource.Name)
            .WithReference(redis);
    }
}
