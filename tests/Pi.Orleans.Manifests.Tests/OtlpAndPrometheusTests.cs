using System.Net;
using System.Text;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>
/// One OpenTelemetry pipeline serves both exports: with OTEL_EXPORTER_OTLP_ENDPOINT set, the real Api posts its metrics (with our
/// names) to an OTLP/HTTP receiver while /metrics keeps answering with the same series.
/// </summary>
public sealed class OtlpAndPrometheusTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithAnOtlpEndpointTheApiExportsOurMetricsOverOtlpAndStillServesMetrics()
    {
        var port = FreePort.Next();
        using var receiver = new HttpListener();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        await using var api = HostProcess.Start("api", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Dashboard__Enabled"] = "false",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        });

        var body = await ReceiveMetricsAsync(receiver, "pi_orleans.chunks.failed").WaitAsync(TimeSpan.FromSeconds(90), Token);
        await api.WaitReadyAsync(TimeSpan.FromSeconds(90), Token);
        var metrics = await api.Http.GetStringAsync("/metrics", Token);

        Assert.Contains("pi_orleans.slots.capacity", body, StringComparison.Ordinal);
        Assert.Contains("pi_orleans_chunks_failed_total{otel_scope_name=\"Pi.Orleans\"} 0\n", metrics, StringComparison.Ordinal);
    }

    // The first POST to /v1/metrics that names <paramref name="expected"/>, as text (protobuf keeps names as plain UTF-8): exports
    // made before the silo created our instruments, and other signals' posts, are answered and skipped.
    private static async Task<string> ReceiveMetricsAsync(HttpListener receiver, string expected)
    {
        while (true)
        {
            var context = await receiver.GetContextAsync();
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer, Token);
            var path = context.Request.Url!.AbsolutePath;
            context.Response.StatusCode = 200;
            context.Response.Close();
            var body = Encoding.UTF8.GetString(buffer.ToArray());
            if (path == "/v1/metrics" && body.Contains(expected, StringComparison.Ordinal))
            {
                return body;
            }
        }
    }
}
