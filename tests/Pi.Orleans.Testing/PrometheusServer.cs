using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pi.Orleans.Testing;

/// <summary>A real Prometheus (Debian's package) on a free loopback port, scraping the given targets every second.</summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly string _dir;
    private readonly Process _process;

    private PrometheusServer(Process process, int port, string dir)
    {
        _process = process;
        _dir = dir;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client for Prometheus' HTTP API.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts Prometheus with one scrape job per (job, host:port) target, scraping every second, and waits until it is ready.</summary>
    public static Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string> targets, CancellationToken cancellationToken = default)
    {
        var jobs = string.Join('\n', targets.Select(t => $"  - job_name: {t.Key}\n    static_configs:\n      - targets: ['{t.Value}']"));
        return StartAsync(_ => $"global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n{jobs}\n", cancellationToken);
    }

    /// <summary>Starts Prometheus on the configuration <paramref name="config"/> returns for its temporary folder (where it may put extra files).</summary>
    public static async Task<PrometheusServer> StartAsync(Func<string, string> config, CancellationToken cancellationToken = default)
    {
        const string executable = "/usr/bin/prometheus";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException("prometheus is not installed. Install it with: apt-get install -y prometheus (tests/run.sh does)");
        }

        var port = FreePort.Next();
        var dir = Directory.CreateTempSubdirectory("pi-prometheus-").FullName;
        var path = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(path, config(dir), cancellationToken);
        var process = Process.Start(new ProcessStartInfo(executable)
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
        var server = new PrometheusServer(process, port, dir);
        await server.WaitReadyAsync(cancellationToken);
        return server;
    }

    /// <summary>Runs an instant PromQL query and returns its result vector (metric labels and value per series).</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promql, CancellationToken cancellationToken = default)
    {
        var body = await Http.GetFromJsonAsync<JsonElement>("/api/v1/query?query=" + Uri.EscapeDataString(promql), cancellationToken);
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"query {promql} failed: {body}");
        }

        return [.. body.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => (
            (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""),
            double.Parse(series.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)))];
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

    private Task WaitReadyAsync(CancellationToken cancellationToken) =>
        Eventually.HoldsAsync(IsReadyAsync, TimeSpan.FromSeconds(30), () => "prometheus ready", cancellationToken);

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken) => _process.HasExited
        ? throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode}")
        : await HttpProbe.IsReadyAsync(Http, "/-/ready", cancellationToken);
}
