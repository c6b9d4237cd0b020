namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>The pod metrics; when <paramref name="Available"/> is false, <paramref name="Reason"/> says why and <paramref name="Pods"/> is null.</summary>
public sealed record KubernetesPodMetrics(bool Available, string? Reason, IReadOnlyList<PodMetricsResponse>? Pods)
{
    /// <summary>The metrics when the Kubernetes API cannot be used.</summary>
    public static KubernetesPodMetrics Unavailable(string reason) => new(false, reason, null);
}
