using System.Diagnostics;
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
    private const string Executable = "/usr/bin/prometheus";
    private readonly Process _process;
    private readonly string _dir;

    private PrometheusProcess(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client for Prometheus' HTTP API.</summary>
    public HttpClient Http { get; }

    /// <summary>Writes <paramref name="config"/> (plus any extra files, by name) into a temporary folder and starts Prometheus on it.</summary>
    public static async Task<PrometheusProcess> StartAsync(Func<string, string> config, CancellationToken cancellationToken)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException("prometheus is not installed. Install it with: apt-get install -y prometheus (tests/run.sh does)");
        }

        var dir = Directory.CreateTempSubdirectory("pi-manifests-prometheus-").FullName;
        var path = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(path, config(dir), cancellationToken);
        var port = FreePort.Next();
        var process = Process.Start(new ProcessStartInfo(Executable)
        {
            ArgumentList =
            {
                "--config.file=" + path, "--storage.tsdb.path=" + Path.Combine(dir, "data"), $"--web.listen-address=127.0.0.1:{port}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prometheus = new PrometheusProcess(process, dir, port);
        await prometheus.WaitReadyAsync(cancellationToken);
        return prometheus;
    }

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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode}");
            }

            try
            {
                using var response = await Http.GetAsync("/-/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("prometheus was not ready after 30 s");
    }
}
