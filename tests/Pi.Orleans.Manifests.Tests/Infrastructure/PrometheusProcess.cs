using System.Net;
using System.Text.Json.Nodes;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Manifests.Tests.Infrastructure;

/// <summary>
/// A real Prometheus (Debian's package, as tests/run.sh installs it) started with a configuration file of the test's own, on a free
/// loopback port. Queries return Prometheus' JSON, errors included, so a bad PromQL expression fails with Prometheus' own message.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly PrometheusServer _server;

    private PrometheusProcess(PrometheusServer server) => _server = server;

    /// <summary>A client for Prometheus' HTTP API.</summary>
    public HttpClient Http => _server.Http;

    /// <summary>Writes <paramref name="config"/> (plus any extra files, by name) into a temporary folder and starts Prometheus on it.</summary>
    public static async Task<PrometheusProcess> StartAsync(Func<string, string> config, CancellationToken cancellationToken) =>
        new(await PrometheusServer.StartAsync(config, cancellationToken));

    /// <summary>An instant query: (Prometheus' status, its result array or error text).</summary>
    public async Task<(bool Success, JsonArray Result, string Error)> QueryAsync(string promql, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql), cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        var success = response.StatusCode == HttpStatusCode.OK && body["status"]?.GetValue<string>() == "success";
        return success
            ? (true, body["data"]!["result"]!.AsArray(), "")
            : (false, [], $"{body["errorType"]}: {body["error"]}");
    }

    /// <summary>The active scrape targets: their labels, scrape URL and health.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, string ScrapeUrl, string Health)>> ActiveTargetsAsync(CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await Http.GetStringAsync("/api/v1/targets?state=active", cancellationToken))!;
        return [.. body["data"]!["activeTargets"]!.AsArray().Select(t => (
            (IReadOnlyDictionary<string, string>)t!["labels"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
            t["scrapeUrl"]!.GetValue<string>(),
            t["health"]!.GetValue<string>()))];
    }

    /// <summary>Every metric name Prometheus has stored.</summary>
    public async Task<IReadOnlySet<string>> MetricNamesAsync(CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await Http.GetStringAsync("/api/v1/label/__name__/values", cancellationToken))!;
        return body["data"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
