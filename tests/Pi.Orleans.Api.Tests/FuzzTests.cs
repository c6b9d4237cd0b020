using System.Net;
using System.Text;
using Pi.Orleans.Api.Tests.Infrastructure;

namespace Pi.Orleans.Api.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class FuzzTests(EmbeddedApiFixture api)
{
    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "-", "1e999", "-1e999", "1.5", "NaN", "Infinity", "0x10",
        "\"total_points\"", "\"mode\"", "\"seed\"", "\"single\"", "\"distributed\"", "\"π≈3\"", "\"\\u0000\"", "\"\\uD800\"",
        "99999999999999999999999999", "-9223372036854775809", "18446744073709551616", "0", "-0", "10000000000001",
        "\u00e9", "\ud83d\ude00", "/*", "//", "\t", "\u2028",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    private static readonly string[] Paths =
    [
        "/api/calculate", "/api/calculate/", "/api/calculate/not-a-guid", "/api/calculate/00000000-0000-0000-0000-000000000000",
        "/api/calculate/%00", "/api/calculate/..%2f..%2fetc", "/api/calculate?limit=-1", "/api/calculate?status=%F0%9F%98%80",
        "/api/calculate?limit=99999999999999", "/api/calculate/abc/events", "/api/cluster", "/api/scaling", "/api/unknown",
    ];

    private static readonly string?[] ContentTypes = ["application/json", "text/plain", "application/xml", null, "application/json; charset=latin1", "multipart/form-data"];

    [Fact]
    public async Task FiveHundredGeneratedBadRequestsGetNoServerErrorAndLeaveTheServiceHealthy()
    {
        var random = new Random(20261123);
        var statuses = new Dictionary<int, int>();
        using var client = new HttpClient { BaseAddress = api.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        for (var i = 0; i < 600; i++)
        {
            using var request = Generate(random, i);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var code = (int)response.StatusCode;
            statuses[code] = statuses.GetValueOrDefault(code) + 1;
            Assert.True(code < 500, $"request {i} ({request.Method} {request.RequestUri}) got {code}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        TestContext.Current.SendDiagnosticMessage("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        using var health = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var good = await api.Http.SubmitAsync(new { total_points = 1_000_000, mode = "single", seed = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    private static HttpRequestMessage Generate(Random random, int i)
    {
        var method = i % 3 == 0 ? Methods[random.Next(Methods.Length)] : "POST";
        var path = i % 3 == 0 ? Paths[random.Next(Paths.Length)] : "/api/calculate";
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "GET" or "HEAD" or "OPTIONS" or "DELETE")
        {
            return request;
        }

        var body = (i % 10) switch
        {
            0 => new string('x', random.Next(70_000, 200_000)),
            1 => "{\"total_points\":" + Fragments[random.Next(Fragments.Length)] + "}",
            2 => "{\"total_points\":1000,\"mode\":" + Fragments[random.Next(Fragments.Length)] + "}",
            3 => "{\"total_points\":1000,\"seed\":" + Fragments[random.Next(Fragments.Length)] + "}",
            _ => string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Fragments[random.Next(Fragments.Length)])),
        };
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        var type = i % 10 == 0 ? "application/json" : ContentTypes[random.Next(ContentTypes.Length)];
        if (type is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", type);
        }

        request.Content = content;
        return request;
    }
}
