using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Pi.Orleans.Client;

namespace Pi.Orleans.AppHost.Tests;

public sealed class AppHostTests
{
    private const string ApiKey = "apphost-test-key";
    private const ulong Seed = 31;
    private const long Points = 20_000_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TheAppHostStartsTheApiAndTwoWorkersThatCalculateExactly()
    {
        var token = TestContext.Current.CancellationToken;
        var expected = Task.Run(() => ExactInside.Of(Seed, Points, token), token);

        // redis-server as an executable: CI has it and may have no container engine (or no registry to pull from).
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Pi_Orleans_AppHost>(
            ["Redis:Mode=executable", "Workers=2", $"Parameters:api-key={ApiKey}"], token);
        await using var app = await builder.BuildAsync(token);
        await app.StartAsync(token).WaitAsync(Timeout, token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", token).WaitAsync(Timeout, token);
        using var client = PiApiClient.Create(app.GetEndpoint("api", "http").ToString(), TimeSpan.FromSeconds(30), ApiKey);

        IReadOnlyList<Pi.Orleans.Contracts.SiloInfo> silos = [];
        await Eventually.HoldsAsync(async t =>
        {
            silos = (await client.ClusterAsync(t)).Silos;
            return silos.Count(s => s.Status == "Active") == 3;
        }, Timeout, () => $"3 active silos; /api/cluster listed {string.Join(", ", silos.Select(s => $"{s.Name} {s.Status}"))}", token);
        Assert.Single(silos, s => !s.RunsChunks && s.Name.StartsWith("front", StringComparison.Ordinal));
        Assert.Equal(2, silos.Count(s => s.RunsChunks && s.Name.StartsWith("worker", StringComparison.Ordinal)));

        var accepted = await client.SubmitAsync(Points, "distributed", Seed, token);
        var done = await client.WaitFinishedAsync(accepted.Id, Timeout, token);

        Assert.Equal("completed", done.Status);
        Assert.Equal(Points, done.ResultTotal);
        Assert.Equal(await expected, done.ResultInside);
    }
}
