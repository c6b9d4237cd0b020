using Pi.Orleans.Api.Tests.Infrastructure;
using StackExchange.Redis;

namespace Pi.Orleans.Api.Tests;

[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterTests(RedisClusterFixture cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADistributedCalculationRunsItsChunksOnBothWorkersAndNotOnTheFront()
    {
        var accepted = await cluster.Api.Client.SubmitAsync(200_000_000, "distributed", 11, Token);

        var done = await cluster.Api.Client.WaitFinishedAsync(accepted.Id, Timeout, Token);

        Assert.Equal("completed", done.Status);
        Assert.Equal(200_000_000, done.ResultTotal);
        Assert.Contains("worker-1", done.SilosUsed!);
        Assert.Contains("worker-2", done.SilosUsed!);
        Assert.DoesNotContain("front", done.SilosUsed!);
    }

    [Fact]
    public async Task CalculationsLiveOnTheApiSiloSoAWorkerLeavingDeactivatesNone()
    {
        // What the README promises, on a real Api and two workers: the silo that takes the request hosts the calculation
        // ([PreferLocalPlacement], pinned by CalculationGrainTests; on an idle machine Orleans' default placement often agrees).
        List<Guid> ids = [];
        for (ulong seed = 40; seed < 45; seed++)
        {
            ids.Add((await cluster.Api.Client.SubmitAsync(20_000_000, "distributed", seed, Token)).Id);
        }

        foreach (var id in ids)
        {
            Assert.Equal("completed", (await cluster.Api.Client.WaitFinishedAsync(id, Timeout, Token)).Status);
            var accepted = $"Calculation {id} accepted";
            Assert.Contains(cluster.Api.Lines, l => l.Contains(accepted, StringComparison.Ordinal));
            Assert.All(cluster.Workers, w => Assert.DoesNotContain(w.Lines, l => l.Contains(accepted, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task ASingleCalculationOfOneChunkRunsOnAWorkerAndIsKeptInRedis()
    {
        // No calculation grain: the front sends the one chunk to a worker and writes the finished state to Redis itself, so a
        // restarted front reads it back like any other.
        var single = await cluster.Api.Client.SubmitAsync(65_536, "single", 14, Token);

        await cluster.RestartApiAsync();
        var after = await cluster.Api.Client.GetAsync(single.Id, Token);

        Assert.Equal("completed", single.Status);
        Assert.StartsWith("worker-", Assert.Single(single.SilosUsed!), StringComparison.Ordinal);
        Assert.Equal(single, after with { SilosUsed = single.SilosUsed });
        Assert.Equal(single.SilosUsed, after.SilosUsed);
    }

    [Fact]
    public async Task ACompletedCalculationIsReadBackAfterTheApiProcessRestarts()
    {
        var accepted = await cluster.Api.Client.SubmitAsync(20_000_000, "distributed", 12, Token);
        var before = await cluster.Api.Client.WaitFinishedAsync(accepted.Id, Timeout, Token);
        Assert.Equal("completed", before.Status);

        await cluster.RestartApiAsync();
        var after = await cluster.Api.Client.GetAsync(accepted.Id, Token);

        Assert.Equal(before, after with { SilosUsed = before.SilosUsed });
        Assert.Equal(before.SilosUsed, after.SilosUsed);
    }

    [Fact]
    public async Task AFinishedCalculationExpiresFromRedisAndTheIndexDoesNot()
    {
        var accepted = await cluster.Api.Client.SubmitAsync(20_000_000, "distributed", 13, Token);
        var done = await cluster.Api.Client.WaitFinishedAsync(accepted.Id, Timeout, Token);
        Assert.Equal("completed", done.Status);

        // A reader may see "completed" while the final write (and the expiry sent after it) is still on its way, and the index is
        // written once a second: wait until both keys are there and the calculation's has its expiry.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var database = redis.GetDatabase();
        List<string> keys = [];
        string? calculation = null;
        await Eventually.HoldsAsync(async _ =>
        {
            keys = [.. server.Keys(pattern: "*/state/*").Select(k => k.ToString())];
            calculation = keys.SingleOrDefault(k => k.Contains(accepted.Id.ToString("N"), StringComparison.Ordinal));
            return calculation is not null && keys.Any(k => k.EndsWith("/index", StringComparison.Ordinal))
                && await database.KeyTimeToLiveAsync(calculation) is not null;
        }, TimeSpan.FromSeconds(30), () => $"the calculation's key with an expiry and the index key; keys: {string.Join(", ", keys)}", Token);

        var ttl = await database.KeyTimeToLiveAsync(calculation);
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7));
        var index = Assert.Single(keys, k => k.EndsWith("/index", StringComparison.Ordinal));
        Assert.Null(await database.KeyTimeToLiveAsync(index));
    }
}
