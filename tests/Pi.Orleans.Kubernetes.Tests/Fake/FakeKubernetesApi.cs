using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pi.Orleans.Kubernetes.Tests.Fake;

/// <summary>
/// A local HTTP server that answers like the Kubernetes API for the calls Pi.Orleans makes: pods get, list, watch, merge-patch and delete;
/// autoscaling/v2 HPAs get and list; metrics.k8s.io pods get and list. It records every request and can answer 403 or slowly.
/// It listens on two ports, <see cref="Url"/> and <see cref="WorkerUrl"/>, so that giving each kind of caller its own tells apart
/// whose request it was (<see cref="KubernetesRequest.Port"/>).
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private const string Json = "application/json";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<KubernetesRequest> _requests = new();
    private readonly ConcurrentDictionary<(string Namespace, string Name), JsonObject> _hpas = new();
    private readonly ConcurrentDictionary<(string Namespace, string Name), JsonObject> _podMetrics = new();
    private int _mode;

    private FakeKubernetesApi(int port, int workerPort)
    {
        Url = $"http://127.0.0.1:{port}";
        WorkerUrl = $"http://127.0.0.1:{workerPort}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url, WorkerUrl);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(RecordAndApplyModeAsync);
        _app.MapGet("/api/v1/namespaces/{ns}/pods", ListOrWatchPodsAsync);
        _app.MapGet("/api/v1/namespaces/{ns}/pods/{name}", (HttpContext c, string ns, string name) => WriteAsync(c, Pods.Get(ns, name), "pods", name));
        _app.MapMethods("/api/v1/namespaces/{ns}/pods/{name}", ["PATCH"], PatchPodAsync);
        _app.MapDelete("/api/v1/namespaces/{ns}/pods/{name}", (HttpContext c, string ns, string name) => WriteAsync(c, Pods.Delete(ns, name), "pods", name));
        _app.MapGet("/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers", (HttpContext c, string ns) => WriteAsync(c, KubernetesObjects.List(
            "HorizontalPodAutoscalerList", "autoscaling/v2", Pods.ResourceVersion, _hpas.Where(h => h.Key.Namespace == ns).Select(h => h.Value)), "", ""));
        _app.MapGet("/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers/{name}", (HttpContext c, string ns, string name) =>
            WriteAsync(c, _hpas.TryGetValue((ns, name), out var hpa) ? hpa : null, "horizontalpodautoscalers.autoscaling", name));
        _app.MapGet("/apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods", ListPodMetricsAsync);
        _app.MapGet("/apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods/{name}", (HttpContext c, string ns, string name) =>
            WriteAsync(c, _podMetrics.TryGetValue((ns, name), out var metrics) ? metrics : null, "pods.metrics.k8s.io", name));
        _app.MapFallback((HttpContext c) => WriteAsync(c, null, "resource", c.Request.Path));
    }

    /// <summary>The base URL, e.g. http://127.0.0.1:40123.</summary>
    public string Url { get; }

    /// <summary>The same API on a second port, for the worker pods.</summary>
    public string WorkerUrl { get; }

    /// <summary>The pods and their watches.</summary>
    public FakePodStore Pods { get; } = new();

    /// <summary>How new requests are answered.</summary>
    public FakeMode Mode
    {
        get => (FakeMode)Volatile.Read(ref _mode);
        set => Volatile.Write(ref _mode, (int)value);
    }

    /// <summary>How long <see cref="FakeMode.Slow"/> holds each request. Default: 10 s.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every request received so far, oldest first.</summary>
    public IReadOnlyList<KubernetesRequest> Requests => [.. _requests];

    /// <summary>Starts the fake on two free loopback ports.</summary>
    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var api = new FakeKubernetesApi(FreePort.Next(), FreePort.Next());
        await api._app.StartAsync();
        return api;
    }

    /// <summary>Sets an HPA (see <see cref="KubernetesObjects.Hpa"/>).</summary>
    public void PutHpa(JsonObject hpa) =>
        _hpas[(hpa["metadata"]!["namespace"]!.GetValue<string>(), hpa["metadata"]!["name"]!.GetValue<string>())] = hpa;

    /// <summary>Sets the metrics of a pod (see <see cref="KubernetesObjects.PodMetrics"/>).</summary>
    public void PutPodMetrics(JsonObject metrics) =>
        _podMetrics[(metrics["metadata"]!["namespace"]!.GetValue<string>(), metrics["metadata"]!["name"]!.GetValue<string>())] = metrics;

    public async ValueTask DisposeAsync()
    {
        Pods.CloseWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task WriteAsync(HttpContext context, JsonNode? body, string resource, string name)
    {
        context.Response.StatusCode = body is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        context.Response.ContentType = Json;
        await context.Response.WriteAsync((body ?? KubernetesObjects.Status(404, "NotFound", $"{resource} \"{name}\" not found")).ToJsonString());
    }

    private async Task RecordAndApplyModeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        string? body = null;
        if (request.Method == HttpMethods.Patch)
        {
            body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
            request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        }

        var recorded = KubernetesRequest.From(DateTimeOffset.UtcNow, request.Method, request.Path, request.QueryString.Value ?? "", request.ContentType, body)
            with { Port = context.Connection.LocalPort };
        _requests.Enqueue(recorded);
        context.Response.OnStarting(() =>
        {
            recorded.StatusCode = context.Response.StatusCode;
            return Task.CompletedTask;
        });
        switch (Mode)
        {
            case FakeMode.Forbidden:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = Json;
                var group = recorded.ApiGroup.Length == 0 ? "" : recorded.ApiGroup;
                await context.Response.WriteAsync(KubernetesObjects.Status(403, "Forbidden",
                    $"{recorded.Resource} is forbidden: User \"system:serviceaccount:{recorded.Namespace}:pi-orleans\" cannot {recorded.Verb} resource \"{recorded.Resource}\" in API group \"{group}\" in the namespace \"{recorded.Namespace}\"").ToJsonString());
                return;
            case FakeMode.Slow:
                try
                {
                    await Task.Delay(SlowDelay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                break;
        }

        await next(context);
    }

    private async Task ListOrWatchPodsAsync(HttpContext context, string ns)
    {
        var selector = LabelSelector.Parse(context.Request.Query["labelSelector"]);
        if (!string.Equals(context.Request.Query["watch"], "true", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, KubernetesObjects.List("PodList", "v1", Pods.ResourceVersion, Pods.List(ns, selector)), "", "");
            return;
        }

        var events = Pods.OpenWatch(ns, selector, out var close);
        try
        {
            context.Response.ContentType = Json;
            await context.Response.StartAsync(context.RequestAborted);
            await foreach (var line in events.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(line, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            close();
        }
    }

    private async Task PatchPodAsync(HttpContext context, string ns, string name)
    {
        if (context.Request.ContentType?.StartsWith("application/merge-patch+json", StringComparison.Ordinal) != true)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.Response.WriteAsync(KubernetesObjects.Status(415, "UnsupportedMediaType", "the fake only does JSON merge patches").ToJsonString());
            return;
        }

        var patch = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        await WriteAsync(context, Pods.Patch(ns, name, patch!.AsObject()), "pods", name);
    }

    private async Task ListPodMetricsAsync(HttpContext context, string ns)
    {
        var selector = LabelSelector.Parse(context.Request.Query["labelSelector"]);
        var items = _podMetrics.Where(m => m.Key.Namespace == ns && selector.Matches(m.Value)).OrderBy(m => m.Key.Name).Select(m => m.Value);
        await WriteAsync(context, KubernetesObjects.List("PodMetricsList", "metrics.k8s.io/v1beta1", Pods.ResourceVersion, items), "", "");
    }
}
