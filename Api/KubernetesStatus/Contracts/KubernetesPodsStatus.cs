namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>The Kubernetes half of the status; when <paramref name="Available"/> is false, <paramref name="Reason"/> says why and the rest is null.</summary>
public sealed record KubernetesPodsStatus(
    bool Available,
    string? Reason,
    string? Namespace,
    string? LabelSelector,
    int? PodCount,
    IReadOnlyList<PodStatusResponse>? Pods,
    HpaStatusResponse? Hpa,
    string? HpaReason)
{
    /// <summary>The status when the Kubernetes API cannot be used.</summary>
    public static KubernetesPodsStatus Unavailable(string reason) => new(false, reason, null, null, null, null, null, null);
}
