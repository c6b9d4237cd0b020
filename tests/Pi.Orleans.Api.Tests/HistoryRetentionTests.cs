using System.Net;
using System.Net.Http.Json;
using Pi.Orleans.Api.Tests.Infrastructure;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Api.Tests;

public sealed class HistoryRetentionTests
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheEmbeddedDefaultKeepsOnlyTheNewestFinishedCalculations()
    {
        await using var api = InProcessApi.With(new Dictionary<string, string> { ["History:MaxEntries"] = "3" });

        var ids = new List<Guid>();
        for (var seed = 1; seed <= 5; seed++)
        {
            using var response = await api.Http.SubmitAsync(new { total_points = 1_000_000, mode = "single", seed }, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<Calculation>(ApiJson.Options, Token))!.Id);
        }

        // Past the linger of a finished activation, every read comes from storage.
        await Task.Delay(TimeSpan.FromSeconds(3), Token);
        var statuses = new List<HttpStatusCode>();
        foreach (var id in ids)
        {
            using var read = await api.Http.GetAsync($"/api/calculate/{id}", Token);
            statuses.Add(read.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        var newest = await api.Client.GetAsync(ids[^1], Token);
        Assert.Equal("completed", newest.Status);
        Assert.Equal(1_000_000, newest.ResultTotal);
    }
}
