using System.Globalization;
using System.Net;
using Pi.Orleans.Api.Tests.Infrastructure;

namespace Pi.Orleans.Api.Tests;

public sealed class LimitsTests : IAsyncLifetime
{
    private const string Key = "limits-test-key";
    private InProcessApi? _api;

    private CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _api = InProcessApi.With(new Dictionary<string, string>
        {
            ["Auth:ApiKeys:0"] = Key,
            ["Limits:MaxActiveCalculationsPerClient"] = "2",
            ["Limits:MaxActiveCalculations"] = "3",
            ["Limits:SubmissionsPerMinutePerClient"] = "120",
            ["Limits:RetryAfterSeconds"] = "7",
            ["Pi:ChunkPoints"] = (1 << 22).ToString(CultureInfo.InvariantCulture),
            ["Pi:ChunkDuration"] = "00:00:00",
        });
        _api.Http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AClientOverItsActiveCalculationLimitGetsA429WithRetryAfterAndLosesNothingAccepted()
    {
        var first = await _api!.Client.SubmitAsync(5_000_000_000_000, "distributed", 1, Token);
        var second = await _api.Client.SubmitAsync(5_000_000_000_000, "distributed", 2, Token);

        using var third = await _api.Http.SubmitAsync(new { total_points = 1000, mode = "distributed" }, Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(7), third.Headers.RetryAfter?.Delta);
        Assert.Equal("running", (await _api.Client.GetAsync(first.Id, Token)).Status);
        Assert.Equal("running", (await _api.Client.GetAsync(second.Id, Token)).Status);

        await _api.Http.DeleteAsync($"/api/calculate/{first.Id}", Token);
        using var admitted = await _api.Http.SubmitAsync(new { total_points = 1000, mode = "single" }, Token);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        await _api.Http.DeleteAsync($"/api/calculate/{second.Id}", Token);
    }

    [Fact]
    public async Task ABurstOfSubmissionsOverTheRateGetsA429()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await _api!.Http.SubmitAsync(new { total_points = 0 }, Token);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.BadRequest, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}
