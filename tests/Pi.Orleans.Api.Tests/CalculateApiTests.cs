using System.Net;
using System.Net.Http.Json;
using Pi.Orleans.Api.Tests.Infrastructure;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Api.Tests;

[Collection(InProcessApiCollection.Name)]
public sealed class CalculateApiTests(InProcessApi api)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DistributedCalculationRunsToCompletionWithAnEstimateNearPi()
    {
        using var response = await api.Http.SubmitAsync(new { total_points = 50_000_000, mode = "distributed", seed = 7 }, Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<Calculation>(ApiJson.Options, Token))!;
        Assert.Equal($"/api/calculate/{accepted.Id}", response.Headers.Location?.OriginalString);

        var done = await api.Client.WaitFinishedAsync(accepted.Id, Timeout, Token);

        Assert.Equal("completed", done.Status);
        Assert.Equal(50_000_000, done.ResultTotal);
        Assert.Equal(done.ChunksTotal, done.ChunksDone);
        Assert.True(done.ChunksTotal > 1, "50M points at 4M per chunk must make several chunks");
        Assert.InRange(done.ResultPi!.Value, Math.PI - (5 * done.StandardError!.Value), Math.PI + (5 * done.StandardError.Value));
    }

    [Fact]
    public async Task SingleModeAnswersWithTheFinishedCalculationAndMatchesDistributedForTheSameSeed()
    {
        using var response = await api.Http.SubmitAsync(new { total_points = 30_000_000, mode = "single", seed = 99 }, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var single = (await response.Content.ReadFromJsonAsync<Calculation>(ApiJson.Options, Token))!;
        Assert.Equal("completed", single.Status);

        var accepted = await api.Client.SubmitAsync(30_000_000, "distributed", 99, Token);
        var distributed = await api.Client.WaitFinishedAsync(accepted.Id, Timeout, Token);

        Assert.Equal(single.ResultInside, distributed.ResultInside);
        Assert.Equal(single.ResultPi, distributed.ResultPi);
        Assert.Single(single.SilosUsed!);
    }

    [Fact]
    public async Task ASingleCalculationOfOneChunkIsReadListedAndCountedLikeAnyOther()
    {
        // One chunk, so it runs without a calculation grain: what it answered is what a later read, the list and a distributed
        // calculation of the same seed give, and a second read (the grain activated on the stored state) agrees.
        using var response = await api.Http.SubmitAsync(new { total_points = 65_536, mode = "single", seed = 12 }, Token);
        var single = (await response.Content.ReadFromJsonAsync<Calculation>(ApiJson.Options, Token))!;

        var read = await api.Client.GetAsync(single.Id, Token);
        // The index entry is recorded one-way, as a grain's is: the list has it within moments, not necessarily at once.
        var listed = await Pi.Orleans.Harness.Eventually.ReachesAsync(
            async token => (await api.Client.ListAsync("completed", 1000, token))!.SingleOrDefault(c => c.Id == single.Id), _ => true,
            Timeout, _ => $"calculation {single.Id} in the list", Token);
        var accepted = await api.Client.SubmitAsync(65_536, "distributed", 12, Token);
        var distributed = await api.Client.WaitFinishedAsync(accepted.Id, Timeout, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("completed", 1, 1, 65_536L), (single.Status, single.ChunksTotal, single.ChunksDone, single.ResultTotal!.Value));
        Assert.Equal(distributed.ResultInside, single.ResultInside);
        foreach (var again in new[] { read, listed })
        {
            Assert.Equal((single.Status, single.ResultInside, single.ResultPi, single.CreatedAt, single.FinishedAt, single.Mode, single.Seed),
                (again.Status, again.ResultInside, again.ResultPi, again.CreatedAt, again.FinishedAt, again.Mode, again.Seed));
            Assert.Equal(single.SilosUsed, again.SilosUsed);
        }

        using var cancel = await api.Http.DeleteAsync($"/api/calculate/{single.Id}", Token);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
    }

    [Fact]
    public async Task WithoutASeedTheServicePicksOneAndReportsIt()
    {
        using var response = await api.Http.SubmitAsync(new { total_points = 1_000_000, mode = "single" }, Token);
        var first = (await response.Content.ReadFromJsonAsync<Calculation>(ApiJson.Options, Token))!;

        using var again = await api.Http.SubmitAsync(new { total_points = 1_000_000, mode = "single", seed = first.Seed }, Token);
        var second = (await again.Content.ReadFromJsonAsync<Calculation>(ApiJson.Options, Token))!;

        Assert.Equal(first.ResultInside, second.ResultInside);
        Assert.True(first.Seed < (1UL << 53));
    }

    [Fact]
    public async Task ListShowsNewestFirstAndFiltersByStatus()
    {
        var a = await api.Client.SubmitAsync(1_000_000, "distributed", 1, Token);
        await api.Client.WaitFinishedAsync(a.Id, Timeout, Token);
        var b = await api.Client.SubmitAsync(1_000_000, "distributed", 2, Token);
        await api.Client.WaitFinishedAsync(b.Id, Timeout, Token);

        var list = await api.Client.ListAsync("completed", 1000, Token);

        var ids = list!.Select(c => c.Id).ToList();
        Assert.True(ids.IndexOf(b.Id) < ids.IndexOf(a.Id) && ids.IndexOf(b.Id) >= 0, "newest first");
        Assert.All(list!, c => Assert.Equal("completed", c.Status));
        var one = await api.Client.ListAsync(null, 1, Token);
        Assert.Single(one!);
    }

    [Fact]
    public async Task DeleteCancelsARunningCalculationAndRefusesAFinishedOne()
    {
        var big = await api.Client.SubmitAsync(1_000_000_000_000, "distributed", 3, Token);

        using var cancel = await api.Http.DeleteAsync($"/api/calculate/{big.Id}", Token);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = await api.Client.GetAsync(big.Id, Token);
        Assert.Equal("cancelled", cancelled.Status);
        Assert.True(cancelled.ChunksDone < cancelled.ChunksTotal);

        var small = await api.Client.SubmitAsync(1_000_000, "distributed", 4, Token);
        await api.Client.WaitFinishedAsync(small.Id, Timeout, Token);
        using var refused = await api.Http.DeleteAsync($"/api/calculate/{small.Id}", Token);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task ClusterListsTheEmbeddedSiloWithItsSlots()
    {
        using var response = await api.Http.GetAsync("/api/cluster", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"runs_chunks\":true", text, StringComparison.Ordinal);
        Assert.Contains("\"slots_total\":", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheCalculateRoutes()
    {
        var text = await api.Http.GetStringAsync("/openapi/v1.json", Token);

        Assert.Contains("/api/calculate", text, StringComparison.Ordinal);
        Assert.Contains("/api/calculate/{id}", text, StringComparison.Ordinal);
        var estimate = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("paths").GetProperty("/api/estimate").GetProperty("get");
        Assert.StartsWith("Points, expected half-width and duration", estimate.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(estimate.GetProperty("responses").TryGetProperty("400", out _), $"the 400 answer of /api/estimate is documented: {estimate}");
    }
}
