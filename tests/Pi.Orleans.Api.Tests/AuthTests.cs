using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Pi.Orleans.Api.Tests.Infrastructure;

namespace Pi.Orleans.Api.Tests;

public sealed class AuthTests(SecuredApi secured) : IClassFixture<SecuredApi>
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task SubmittingWithoutAValidKeyGetsA401Problem(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/calculate") { Content = JsonContent.Create(new { total_points = 1000 }) };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        using var response = await Anonymous().SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
    }

    [Fact]
    public async Task CancellingTheDashboardAndTheOperatorRoutesNeedTheKeyButReadingDoesNot()
    {
        var accepted = await secured.Api.Client.SubmitAsync(1_000_000, "distributed", 5, Token);
        var anonymous = Anonymous();

        using var read = await anonymous.GetAsync($"/api/calculate/{accepted.Id}", Token);
        using var list = await anonymous.GetAsync("/api/calculate", Token);
        using var cancel = await anonymous.DeleteAsync($"/api/calculate/{accepted.Id}", Token);
        using var dashboard = await anonymous.GetAsync("/dashboard/DashboardCounters", Token);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, dashboard.StatusCode);
    }

    [Fact]
    public async Task ABearerTokenOrTheWebPagesCookieCarryTheKeyToo()
    {
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "/api/calculate") { Content = JsonContent.Create(new { total_points = 1000, mode = "single" }) };
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecuredApi.ApiKey);
        using var cookie = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters");
        cookie.Headers.Add("Cookie", $"pi-api-key={SecuredApi.ApiKey}");

        using var submitted = await Anonymous().SendAsync(bearer, Token);
        using var dashboard = await Anonymous().SendAsync(cookie, Token);

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    private HttpClient Anonymous() => secured.Anonymous();
}
