using System.Net;
using System.Text;
using System.Text.Json;
using Pi.Orleans.Api.Tests.Infrastructure;

namespace Pi.Orleans.Api.Tests;

// The validation table, answered by the Api hosted in this process (no sockets, no process to start).
[Collection(InProcessApiCollection.Name)]
public sealed class BadInputTests(InProcessApi api)
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
    [InlineData("""{"mode":"distributed"}""", "target_error")]
    [InlineData("""{"target_error":null}""", "target_error")]
    [InlineData("""{"total_points":1000,"target_error":1e-3}""", "total_points")]
    [InlineData("""{"total_points":1000,"target_error":1e-3}""", "target_error")]
    [InlineData("""{"target_error":0}""", "target_error")]
    [InlineData("""{"target_error":-1e-7}""", "target_error")]
    [InlineData("""{"target_error":"1e-7"}""", "target_error")]
    [InlineData("""{"target_error":"NaN"}""", "target_error")]
    [InlineData("""{"target_error":true}""", "target_error")]
    [InlineData("""{"target_error":[1e-7]}""", "target_error")]
    [InlineData("""{"target_error":1e400}""", "target_error")]
    [InlineData("""{"target_error":1e-7}""", "target_error")]
    [InlineData("""{"target_error":1e-5,"mode":"single"}""", "target_error")]
    [InlineData("""{"target_error":1e-3,"mode":"turbo"}""", "mode")]
    public async Task AnInvalidFieldGetsA400NamingTheField(string body, string field)
    {
        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem.RootElement}");
    }

    [Theory]
    [InlineData("""{"target_error":1e-6}""", "target_error 1E-06 needs 10359516364800 points; at most 10000000000000 in distributed mode.")]
    [InlineData("""{"target_error":1e-5,"mode":"single"}""", "target_error 1E-05 needs 103595180032 points; at most 2000000000 in single mode.")]
    public async Task ATargetNeedingTooManyPointsSaysHowManyItNeeds(string body, string message)
    {
        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).RootElement.GetProperty("errors");
        Assert.Equal(message, errors.GetProperty("target_error")[0].GetString());
    }

    [Theory]
    [InlineData("/api/estimate")]
    [InlineData("/api/estimate?total_points=1000&target_error=0.001", "total_points", "target_error")]
    [InlineData("/api/estimate?total_points=-5", "total_points")]
    [InlineData("/api/estimate?total_points=1.5", "total_points")]
    [InlineData("/api/estimate?total_points=abc", "total_points")]
    [InlineData("/api/estimate?total_points=10000000000001", "total_points")]
    [InlineData("/api/estimate?target_error=0", "target_error")]
    [InlineData("/api/estimate?target_error=-1e-3", "target_error")]
    [InlineData("/api/estimate?target_error=NaN", "target_error")]
    [InlineData("/api/estimate?target_error=abc", "target_error")]
    [InlineData("/api/estimate?target_error=1e-9", "target_error")]
    [InlineData("/api/estimate?target_error=1e-3&deadline_s=0", "deadline_s")]
    [InlineData("/api/estimate?target_error=1e-3&deadline_s=-4", "deadline_s")]
    [InlineData("/api/estimate?target_error=1e-3&deadline_s=soon", "deadline_s")]
    public async Task ABadEstimateQueryGetsA400NamingTheFields(string path, params string[] fields)
    {
        using var response = await api.Http.GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).RootElement.GetProperty("errors");
        foreach (var field in fields.DefaultIfEmpty("total_points"))
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}: {errors}");
        }
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
