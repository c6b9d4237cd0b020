using System.Net;
using System.Text;
using System.Text.Json;
using Pi.Orleans.Api.Tests.Infrastructure;

namespace Pi.Orleans.Api.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class BadInputTests(EmbeddedApiFixture api)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"mode":"distributed"}""", "total_points")]
    [InlineData("""{"total_points":null}""", "total_points")]
    [InlineData("""{"total_points":0}""", "total_points")]
    [InlineData("""{"total_points":-5}""", "total_points")]
    [InlineData("""{"total_points":1000.5}""", "total_points")]
    [InlineData("""{"total_points":"1000"}""", "total_points")]
    [InlineData("""{"total_points":true}""", "total_points")]
    [InlineData("""{"total_points":[1]}""", "total_points")]
    [InlineData("""{"total_points":10000000000001}""", "total_points")]
    [InlineData("""{"total_points":1e300}""", "total_points")]
    [InlineData("""{"total_points":1e400}""", "total_points")]
    [InlineData("""{"total_points":3000000000,"mode":"single"}""", "total_points")]
    [InlineData("""{"total_points":1000,"mode":"turbo"}""", "mode")]
    [InlineData("""{"total_points":1000,"mode":1}""", "mode")]
    [InlineData("""{"total_points":1000,"seed":-1}""", "seed")]
    [InlineData("""{"total_points":1000,"seed":1.5}""", "seed")]
    [InlineData("""{"total_points":1000,"seed":"abc"}""", "seed")]
    [InlineData("""{"total_points":1000,"seed":18446744073709551616}""", "seed")]
    public async Task AnInvalidFieldGetsA400NamingTheField(string body, string field)
    {
        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem.RootElement}");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"total_points\": 10,}")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("42")]
    public async Task MalformedJsonGetsA400Problem(string body)
    {
        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await ProblemAsync(response)).RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task AWrongContentTypeGetsA415Problem(string? contentType)
    {
        using var response = await PostAsync("""{"total_points":1000}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(415, (await ProblemAsync(response)).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AnOversizedBodyGetsA413Problem()
    {
        var body = "{\"total_points\":1000,\"pad\":\"" + new string('x', 200_000) + "\"}";

        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await ProblemAsync(response);
    }

    [Theory]
    [InlineData("GET", "/api/calculate/not-a-guid")]
    [InlineData("DELETE", "/api/calculate/123")]
    [InlineData("GET", "/api/calculate?status=bogus")]
    [InlineData("GET", "/api/calculate?limit=0")]
    [InlineData("GET", "/api/calculate?limit=abc")]
    [InlineData("GET", "/api/calculate?limit=100000")]
    public async Task ABadIdOrQueryGetsA400Problem(string method, string path)
    {
        using var response = await api.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAsync(response);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task AnUnknownIdGetsA404Problem(string method)
    {
        using var response = await api.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/calculate/{Guid.NewGuid()}"), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task TheServiceStillAnswersAfterBadInput()
    {
        foreach (var body in new[] { "{", "[]", """{"total_points":-1}""" })
        {
            using var bad = await PostAsync(body, "application/json");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using var good = await PostAsync("""{"total_points":1000000,"mode":"single","seed":5}""", "application/json");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return await api.Http.PostAsync("/api/calculate", content, Token);
    }

    private async Task<JsonDocument> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
    }
}
