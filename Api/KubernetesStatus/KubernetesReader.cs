using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Pi.Orleans.Api.KubernetesStatus.Contracts;
using Pi.Orleans.Hosting;
using Pi.Orleans.Hosting.Pods;

namespace Pi.Orleans.Api.KubernetesStatus;

/// <summary>
/// Reads the silo pods, the worker HPA and the pod metrics of this Orleans cluster from the Kubernetes API. Every call is time-boxed
/// and every failure becomes a reason instead of an exception.
/// </summary>
public sealed class KubernetesReader(
    HostMode mode,
    KubernetesClientProvider kubernetes,
    IOptions<KubernetesOptions> options,
    IOptions<ClusterOptions> cluster,
    TimeProvider time)
{
    private const string NotInCluster = "not running in Kubernetes: KUBERNETES_SERVICE_HOST is not set";
    private const string MetricsGroup = "metrics.k8s.io";
    private const string MetricsVersion = "v1beta1";

    private string Selector => KubernetesPod.LabelSelector(cluster.Value.ServiceId, cluster.Value.ClusterId);

    /// <summary>The pods labelled with this cluster's ids and the worker HPA.</summary>
    public async Task<KubernetesPodsStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        if (mode.Pod is not { } pod)
        {
            return KubernetesPodsStatus.Unavailable(NotInCluster);
        }

        var selector = Selector;
        var hpaName = options.Value.HpaName;
        var podsCall = AttemptAsync(kubernetes.CallAsync(
            (client, ct) => client.CoreV1.ListNamespacedPodAsync(pod.Namespace, labelSelector: selector, cancellationToken: ct), cancellationToken), cancellationToken);
        var hpaCall = AttemptAsync(kubernetes.CallAsync(
            (client, ct) => client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(hpaName, pod.Namespace, cancellationToken: ct), cancellationToken), cancellationToken);
        var (pods, podsError) = await podsCall;
        var (hpa, hpaError) = await hpaCall;
        if (podsError is not null)
        {
            return KubernetesPodsStatus.Unavailable(KubernetesFailure.Describe(podsError));
        }

        var now = time.GetUtcNow();
        var podList = pods!.Items.Select(p => ToResponse(p, now)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return new KubernetesPodsStatus(
            true,
            null,
            pod.Namespace,
            selector,
            podList.Count,
            podList,
            hpa is null ? null : ToResponse(hpa),
            hpaError is null ? null : KubernetesFailure.Describe(hpaError));
    }

    /// <summary>CPU and memory of this cluster's pods from metrics.k8s.io.</summary>
    public async Task<KubernetesPodMetrics> ReadMetricsAsync(CancellationToken cancellationToken)
    {
        if (mode.Pod is not { } pod)
        {
            return KubernetesPodMetrics.Unavailable(NotInCluster);
        }

        var selector = Selector;
        var (metrics, error) = await AttemptAsync(kubernetes.CallAsync(
            (client, ct) => client.CustomObjects.ListNamespacedCustomObjectAsync<PodMetricsList>(
                MetricsGroup, MetricsVersion, pod.Namespace, "pods", labelSelector: selector, cancellationToken: ct), cancellationToken), cancellationToken);
        if (error is not null)
        {
            return KubernetesPodMetrics.Unavailable(KubernetesFailure.Describe(error));
        }

        var pods = (metrics!.Items ?? []).Select(ToResponse).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return new KubernetesPodMetrics(true, null, pods);
    }

    private static async Task<(T? Value, Exception? Error)> AttemptAsync<T>(Task<T> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await call, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, ex);
        }
    }

    private static PodStatusResponse ToResponse(V1Pod pod, DateTimeOffset now) => new(
        pod.Metadata.Name,
        pod.Status?.Phase,
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false,
        pod.Spec?.NodeName,
        pod.Status?.PodIP,
        pod.Metadata.CreationTimestamp is { } created ? Math.Round((now.UtcDateTime - created.ToUniversalTime()).TotalSeconds, 1) : null,
        pod.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0,
        pod.Metadata.Annotations is { } annotations && annotations.TryGetValue(PodDeletionCost.Annotation, out var cost) ? cost : null);

    private static HpaStatusResponse ToResponse(V2HorizontalPodAutoscaler hpa) => new(
        hpa.Metadata.Name,
        hpa.Status?.CurrentReplicas,
        hpa.Status?.DesiredReplicas ?? 0,
        hpa.Spec.MinReplicas,
        hpa.Spec.MaxReplicas,
        hpa.Status?.CurrentMetrics?.FirstOrDefault(m => m.Type == "Resource" && m.Resource?.Name == "cpu")?.Resource?.Current?.AverageUtilization,
        hpa.Spec.Metrics?.FirstOrDefault(m => m.Type == "Resource" && m.Resource?.Name == "cpu")?.Resource?.Target?.AverageUtilization,
        hpa.Status?.LastScaleTime,
        [.. (hpa.Status?.Conditions ?? []).Select(c => new HpaConditionResponse(c.Type, c.Status, c.Reason, c.Message))]);

    private static PodMetricsResponse ToResponse(PodMetrics pod)
    {
        var usage = (pod.Containers ?? []).Where(c => c.Usage is not null).SelectMany(c => c.Usage).ToList();
        var cpu = usage.Where(u => u.Key == "cpu").Sum(u => u.Value.ToDecimal()) * 1000m;
        var memory = usage.Where(u => u.Key == "memory").Sum(u => u.Value.ToDecimal());
        return new PodMetricsResponse(pod.Metadata.Name, (double)Math.Round(cpu, 1), (long)memory, pod.Window, pod.Timestamp);
    }
}
