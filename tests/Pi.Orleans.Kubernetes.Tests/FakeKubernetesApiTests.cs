using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Pi.Orleans.Kubernetes.Tests.Fake;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>The fake answers the official client the way a real API server would.</summary>
public sealed class FakeKubernetesApiTests : IAsyncLifetime
{
    private const string Ns = "fake-test";
    private static readonly Dictionary<string, string> Labels = new() { ["orleans/serviceId"] = "svc", ["orleans/clusterId"] = "c1" };
    private FakeKubernetesApi _fake = null!;
    private k8s.Kubernetes _client = null!;

    public async ValueTask InitializeAsync()
    {
        _fake = await FakeKubernetesApi.StartAsync();
        _client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = _fake.Url });
        _fake.Pods.Put(KubernetesObjects.Pod(Ns, "a", Labels, "node-1", "10.0.0.1", DateTime.UtcNow.AddMinutes(-5)));
        _fake.Pods.Put(KubernetesObjects.Pod(Ns, "b", Labels, "node-2", "10.0.0.2", DateTime.UtcNow.AddMinutes(-1)));
        _fake.Pods.Put(KubernetesObjects.Pod(Ns, "other", new Dictionary<string, string> { ["app"] = "x" }, "node-1", "10.0.0.3", DateTime.UtcNow));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task ListFiltersByLabelSelectorAndGetReadsOnePod()
    {
        var ct = TestContext.Current.CancellationToken;
        var list = await _client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: "orleans/serviceId=svc,orleans/clusterId=c1", cancellationToken: ct);
        var pod = await _client.CoreV1.ReadNamespacedPodAsync("b", Ns, cancellationToken: ct);

        Assert.Equal(["a", "b"], list.Items.Select(p => p.Metadata.Name));
        Assert.Equal("10.0.0.2", pod.Status.PodIP);
        Assert.Equal(["get pods (core) b in fake-test", "list pods (core) in fake-test"], _fake.Requests.Select(r => r.ToString()).Order());
    }

    [Fact]
    public async Task MergePatchSetsAnAnnotationAndKeepsTheLabels()
    {
        var ct = TestContext.Current.CancellationToken;
        var patch = new V1Patch("""{"metadata":{"annotations":{"controller.kubernetes.io/pod-deletion-cost":"7"}}}""", V1Patch.PatchType.MergePatch);

        var patched = await _client.CoreV1.PatchNamespacedPodAsync(patch, "a", Ns, cancellationToken: ct);

        Assert.Equal("7", patched.Metadata.Annotations["controller.kubernetes.io/pod-deletion-cost"]);
        Assert.Equal("svc", patched.Metadata.Labels["orleans/serviceId"]);
        Assert.Equal("patch", Assert.Single(_fake.Requests).Verb);
    }

    [Fact]
    public async Task WatchStreamsAddedThenDeletedEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        await foreach (var (type, pod) in _client.CoreV1.WatchListNamespacedPodAsync(Ns, labelSelector: "orleans/clusterId=c1", cancellationToken: stop.Token))
        {
            seen.Add($"{type} {pod.Metadata.Name}");
            if (seen.Count == 2)
            {
                _fake.Pods.Delete(Ns, "a");
            }
            else if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["Added a", "Added b", "Deleted a"], seen);
        Assert.Equal("watch", Assert.Single(_fake.Requests).Verb);
    }

    [Fact]
    public async Task ForbiddenModeAnswers403WithAStatus()
    {
        _fake.Mode = FakeMode.Forbidden;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        var status = System.Text.Json.Nodes.JsonNode.Parse(error.Response.Content)!;
        Assert.Equal("Forbidden", status["reason"]!.GetValue<string>());
        Assert.Contains("cannot list resource \"pods\"", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HpaAndPodMetricsAreServed()
    {
        var ct = TestContext.Current.CancellationToken;
        _fake.PutHpa(KubernetesObjects.Hpa(Ns, "workers", 2, 3, 1, 5, 80, 70, DateTime.UtcNow));
        _fake.PutPodMetrics(KubernetesObjects.PodMetrics(_fake.Pods.Get(Ns, "a")!, "250m", "300Mi", DateTime.UtcNow));

        var hpa = await _client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("workers", Ns, cancellationToken: ct);
        var metrics = await _client.CustomObjects.ListNamespacedCustomObjectAsync<PodMetricsList>("metrics.k8s.io", "v1beta1", Ns, "pods", labelSelector: "orleans/clusterId=c1", cancellationToken: ct);

        Assert.Equal(3, hpa.Status.DesiredReplicas);
        Assert.Equal(0.25m, Assert.Single(Assert.Single(metrics.Items).Containers).Usage["cpu"].ToDecimal());
    }
}
