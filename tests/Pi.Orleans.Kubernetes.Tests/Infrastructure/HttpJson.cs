using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pi.Orleans.Kubernetes.Tests.Infrastructure;

/// <summary>JSON calls and waits the tests share.</summary>
public static class HttpJson
{
    /// <summary>GETs <paramref name="path"/>, asserts 200 and returns the body.</summary>
    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>POSTs a distributed calculation and returns its id.</summary>
    public static async Task<string> SubmitDistributedAsync(this HttpClient http, long points, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/calculate", new { total_points = points, mode = "distributed", seed = 7 }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/calculate answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    /// <summary>The names of the silos /api/cluster lists.</summary>
    public static async Task<string[]> SiloNamesAsync(this HttpClient http, CancellationToken cancellationToken) =>
        [.. (await http.GetJsonAsync("/api/cluster", cancellationToken))["silos"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        Eventually.HoldsAsync(_ => condition(), timeout, () => what, cancellationToken);
}
