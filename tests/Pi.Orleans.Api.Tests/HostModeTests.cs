using Microsoft.Extensions.Configuration;
using Pi.Orleans.Hosting;

namespace Pi.Orleans.Api.Tests;

public sealed class HostModeTests
{
    private static HostMode Detect(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return HostMode.Detect(configuration, SiloRole.Worker, configuration.GetSection(ClusterHostingOptions.SectionName).Get<ClusterHostingOptions>() ?? new());
    }

    [Fact]
    public void WithoutRedisSettingsItIsTheEmbeddedDefault()
    {
        var mode = Detect([]);

        Assert.True(mode.Embedded);
        Assert.False(mode.OrleansProviders);
        Assert.Equal(("pi-orleans", "pi"), (mode.ServiceId, mode.ClusterId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1:6379")]
    public void AnOrleansStorageProviderWithoutOrleansClusteringStopsStartUpNamingItsKey(string? redis)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis,
            ["Orleans:GrainStorage:calculations:ProviderType"] = "Redis",
            ["Orleans:GrainStorage:calculations:ServiceKey"] = "redis",
        };

        var refused = Assert.Throws<InvalidOperationException>(() => Detect(settings));

        Assert.StartsWith("Orleans:GrainStorage:calculations is set without Orleans:Clustering", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionStringsRedisAloneIsRedisModeByConnectionString()
    {
        var mode = Detect(new() { ["ConnectionStrings:Redis"] = "127.0.0.1:6379" });

        Assert.Equal(RedisLink.Of("127.0.0.1:6379"), mode.Redis);
        Assert.False(mode.OrleansProviders);
    }

    [Fact]
    public void OrleansRedisClusteringIsRedisModeThroughItsServiceKeyAndWinsOverConnectionStringsRedis()
    {
        var mode = Detect(new()
        {
            ["ConnectionStrings:Redis"] = "127.0.0.1:6379",
            ["Orleans:Clustering:ProviderType"] = "Redis",
            ["Orleans:Clustering:ServiceKey"] = "redis",
            ["Orleans:ClusterId"] = "aspire-cluster",
            ["Orleans:ServiceId"] = "aspire-service",
        });

        Assert.Equal(new RedisLink(null, "redis"), mode.Redis);
        Assert.True(mode.OrleansProviders);
        Assert.Equal(("aspire-service", "aspire-cluster"), (mode.ServiceId, mode.ClusterId));
    }

    [Fact]
    public void AConnectionNameIsLookedUpUnderConnectionStringsAndClusterIdsWinOverOrleansIds()
    {
        var mode = Detect(new()
        {
            ["ConnectionStrings:cache"] = "10.0.0.5:6379",
            ["Orleans:Clustering:ProviderType"] = "AzureRedisCache",
            ["Orleans:Clustering:ConnectionName"] = "cache",
            ["Orleans:ClusterId"] = "orleans-cluster",
            ["Cluster:ClusterId"] = "ours",
        });

        Assert.Equal(RedisLink.Of("10.0.0.5:6379"), mode.Redis);
        Assert.Equal("ours", mode.ClusterId);
    }

    [Fact]
    public void AClusteringProviderOtherThanRedisStopsStartUpNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Detect(new() { ["Orleans:Clustering:ProviderType"] = "Development" }));

        Assert.Contains("Orleans:Clustering:ProviderType", error.Message, StringComparison.Ordinal);
    }
}
