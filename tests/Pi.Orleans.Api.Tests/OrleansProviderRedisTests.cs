using Pi.Orleans.Api.Tests.Infrastructure;
using StackExchange.Redis;

namespace Pi.Orleans.Api.Tests;

public sealed class OrleansProviderRedisTests(OrleansProviderClusterFixture fixture) : IClassFixture<OrleansProviderClusterFixture>
{
    private const ulong Seed = 23;
    private const long Points = 40_000_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADistributedCalculationIsExactAndRunsOnBothWorkers()
    {
        var expected = Task.Run(() => ExactInside.Of(Seed, Points, Token), Token);

        var accepted = await fixture.Cluster.Client.SubmitAsync(Points, "distributed", Seed, Token);
        var done = await fixture.Cluster.Client.WaitFinishedAsync(accepted.Id, Timeout, Token);

        Assert.Equal("completed", done.Status);
        Assert.Equal(Points, done.ResultTotal);
        Assert.Equal(await expected, done.ResultInside);
        Assert.Contains("worker-1", done.SilosUsed!);
        Assert.Contains("worker-2", done.SilosUsed!);
        Assert.DoesNotContain("front", done.SilosUsed!);
    }

    [Fact]
    public async Task MembershipAFinishedCalculationAndTheKeyRingAreInRedisUnderOrleansServiceId()
    {
        var accepted = await fixture.Cluster.Client.SubmitAsync(4_000_000, "distributed", Seed + 1, Token);
        Assert.Equal("completed", (await fixture.Cluster.Client.WaitFinishedAsync(accepted.Id, Timeout, Token)).Status);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Cluster.Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var database = redis.GetDatabase();
        var serviceId = fixture.Cluster.ClusterId + "-service";
        string? calculation = null;
        await Eventually.HoldsAsync(async _ =>
        {
            calculation = server.Keys(pattern: $"{serviceId}/state/*").Select(k => k.ToString())
                .SingleOrDefault(k => k.Contains(accepted.Id.ToString("N"), StringComparison.Ordinal));
            return calculation is not null && await database.KeyTimeToLiveAsync(calculation) is not null;
        }, TimeSpan.FromSeconds(30), () => $"a key {serviceId}/state/…{accepted.Id:N}… with an expiry", Token);

        // Three silos in the membership hash that Orleans' Redis clustering keeps (the table version is one more field).
        var members = await database.HashGetAllAsync($"{serviceId}/members/{fixture.Cluster.ClusterId}");
        Assert.Equal(3, members.Count(m => m.Name != "Version" && m.Value.ToString().Contains("\"Status\":3", StringComparison.Ordinal)));

        // The Api's Data Protection key ring, through the same keyed multiplexer.
        Assert.True(await database.KeyExistsAsync($"{serviceId}/data-protection-keys"), "no Data Protection key ring in Redis");
    }
}
