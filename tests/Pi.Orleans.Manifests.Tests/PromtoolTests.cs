using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>
/// The /metrics text of the real Api, checked by Prometheus' own linter (`promtool check metrics`, Debian's prometheus package):
/// nothing it reports may concern our series, and our counters are Prometheus counters that are there, at 0, before they fire.
/// </summary>
public sealed class PromtoolTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PromtoolFindsNoProblemInOurSeriesOnALiveMetricsEndpoint()
    {
        var (_, metrics) = await ScrapeBeforeAndAfterOneCalculationAsync();

        var (exitCode, problems) = await PromtoolAsync(metrics);

        TestContext.Current.SendDiagnosticMessage($"promtool exit {exitCode}, {problems.Count} problems in other meters' series");
        Assert.DoesNotContain(problems, p => p.StartsWith("pi_orleans_", StringComparison.Ordinal));
        Assert.Contains("# TYPE pi_orleans_points_sampled_total counter", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OurCountersAreExportedAsCountersAndAreThereAtZeroBeforeTheyFire()
    {
        var (before, after) = await ScrapeBeforeAndAfterOneCalculationAsync();
        var types = after.Split('\n').Where(l => l.StartsWith("# TYPE pi_orleans_", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).ToDictionary(p => p[2], p => p[3], StringComparer.Ordinal);

        string[] counters = ["points_sampled", "chunks_completed", "chunks_failed", "chunks_retried"];
        foreach (var counter in counters.Append("calculations_finished"))
        {
            Assert.Equal("counter", types[$"pi_orleans_{counter}_total"]);
        }

        Assert.All(types.Where(t => t.Value == "gauge"), t => Assert.False(t.Key.EndsWith("_total", StringComparison.Ordinal), t.Key));
        foreach (var counter in counters)
        {
            Assert.Contains($"pi_orleans_{counter}_total{{otel_scope_name=\"Pi.Orleans\"}} 0\n", before, StringComparison.Ordinal);
        }

        foreach (var status in (string[])["completed", "failed", "cancelled"])
        {
            Assert.Contains($"pi_orleans_calculations_finished_total{{otel_scope_name=\"Pi.Orleans\",status=\"{status}\"}} 0\n", before, StringComparison.Ordinal);
        }

        Assert.Contains("pi_orleans_chunks_failed_total{otel_scope_name=\"Pi.Orleans\"} 0\n", after, StringComparison.Ordinal);
        Assert.Contains("pi_orleans_calculations_finished_total{otel_scope_name=\"Pi.Orleans\",status=\"completed\"} 1\n", after, StringComparison.Ordinal);
    }

    private static async Task<(string Before, string After)> ScrapeBeforeAndAfterOneCalculationAsync()
    {
        await using var api = HostProcess.Start("api", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Dashboard__Enabled"] = "false",
        });
        await api.WaitReadyAsync(TimeSpan.FromSeconds(90), Token);
        var before = await api.Http.GetStringAsync("/metrics", Token);
        using var response = await api.Http.PostAsJsonAsync("/api/calculate", new { total_points = 10_000_000, mode = "single", seed = 7 }, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The exporter may answer from a rendering up to 300 ms old: read until the calculation shows.
        var after = await Eventually.ReachesAsync(
            async token => await api.Http.GetStringAsync("/metrics", token), m => m.Contains("status=\"completed\"} 1\n", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), m => $"/metrics shows the completed calculation:\n{m}", Token);
        return (before, after);
    }

    // promtool reads the text on stdin and prints one line per problem, "<metric> <problem>"; it exits 3 when it found any.
    private static async Task<(int ExitCode, IReadOnlyList<string> Problems)> PromtoolAsync(string metrics)
    {
        var promtool = File.Exists("/usr/bin/promtool") ? "/usr/bin/promtool"
            : throw new InvalidOperationException("promtool is not installed. Install it with: apt-get install -y prometheus");
        var info = new ProcessStartInfo(promtool) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("check");
        info.ArgumentList.Add("metrics");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        var stderr = process.StandardError.ReadToEndAsync(Token);
        await process.StandardInput.WriteAsync(metrics);
        process.StandardInput.Close();
        await process.WaitForExitAsync(Token);
        var problems = ((await stdout) + "\n" + (await stderr)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(process.ExitCode is 0 or 3, $"promtool failed with {process.ExitCode}: {string.Join('\n', problems)}");
        return (process.ExitCode, problems);
    }
}
