using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pi.Orleans.Api.Tests;

// A real Api process on loopback, so the connection's remote address is a real 127.0.0.1 (TestServer has none). At 6
// submissions a minute a client's bucket holds one token (refilled each second), so a quick burst is refused.
public sealed class ForwardedHeadersTests
{
    private const int Burst = 40;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoClientsBehindOneTrustedProxyGetSeparateRateLimits()
    {
        await using var api = await StartReadyApiAsync("api-trusted-proxy", new() { ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1" });

        var first = await BurstUntilRefusedAsync(api.Http, "203.0.113.10");
        using var second = await SubmitAsync(api.Http, new { total_points = 1000, mode = "single" }, "203.0.113.20");

        Assert.Equal(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task BehindATrustedProxyThatEndsTlsTheApiDocumentNamesTheHttpsAddress()
    {
        await using var api = await StartReadyApiAsync("api-tls-proxy", new() { ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1" });

        // The document's server URL is built from the request's scheme and host, as a generated client will call it.
        Assert.StartsWith("https://", await ServerUrlAsync(api.Http, "https"), StringComparison.Ordinal);
        Assert.StartsWith("http://", await ServerUrlAsync(api.Http, null), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryClientBehindATrustedNetworkHasABucketOfItsOwn()
    {
        await using var api = await StartReadyApiAsync("api-trusted-network", new() { ["ForwardedHeaders__KnownNetworks__0"] = "127.0.0.0/8" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Burst; i++)
        {
            using var response = await SubmitAsync(api.Http, new { total_points = 0 }, $"198.51.100.{i + 1}");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
    }

    [Fact]
    public async Task ASpoofedForwardedForFromAnUntrustedAddressChangesNothing()
    {
        await using var api = await StartReadyApiAsync("api-no-proxy", new());

        // Were the header believed, each of these would be a new client with a full bucket and none would be refused.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Burst; i++)
        {
            using var response = await SubmitAsync(api.Http, new { total_points = 0 }, $"198.51.100.{i + 1}");
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.DoesNotContain(statuses, s => s is not HttpStatusCode.TooManyRequests and not HttpStatusCode.BadRequest);
        Assert.StartsWith("http://", await ServerUrlAsync(api.Http, "https"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiRefusesToStartWithAProxyNetworkThatIsNotCidr()
    {
        await using var api = StartApi("api-bad-network", new()
        {
            ["ForwardedHeaders__KnownProxies__0"] = "10.0.0.300",
            ["ForwardedHeaders__KnownNetworks__0"] = "10.42.0.0",
        });

        await Eventually.HoldsAsync(_ => Task.FromResult(api.HasExited), TimeSpan.FromSeconds(60), () => "the Api exits\n" + api.Output, Token);

        Assert.Contains("ForwardedHeaders:KnownProxies:0 '10.0.0.300' is not an IP address", api.Output, StringComparison.Ordinal);
        Assert.Contains("ForwardedHeaders:KnownNetworks:0 '10.42.0.0' is not a network in CIDR notation", api.Output, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> BurstUntilRefusedAsync(HttpClient http, string client)
    {
        var status = HttpStatusCode.OK;
        for (var i = 0; i < Burst && status != HttpStatusCode.TooManyRequests; i++)
        {
            using var response = await SubmitAsync(http, new { total_points = 0 }, client);
            status = response.StatusCode;
        }

        return status;
    }

    private static async Task<string> ServerUrlAsync(HttpClient http, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        using var response = await http.SendAsync(request, Token);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(Token), cancellationToken: Token);
        return document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString()!;
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient http, object body, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/calculate") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return http.SendAsync(request, Token);
    }

    private static async Task<HostProcess> StartReadyApiAsync(string name, Dictionary<string, string> settings)
    {
        var api = StartApi(name, settings);
        try
        {
            await api.WaitReadyAsync(TimeSpan.FromSeconds(90), Token);
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    private static HostProcess StartApi(string name, Dictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(settings)
        {
            ["Cluster__SiloPort"] = Port(),
            ["Cluster__GatewayPort"] = Port(),
            ["Limits__SubmissionsPerMinutePerClient"] = "6",
        };
        return HostProcess.Start(name, RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), environment);
    }

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
