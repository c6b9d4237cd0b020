namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>Tests that share one Redis cluster of real processes (Api and two workers).</summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "redis cluster";
}
