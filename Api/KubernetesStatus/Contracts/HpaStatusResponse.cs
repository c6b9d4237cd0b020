namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>The worker HorizontalPodAutoscaler: replicas, CPU utilization (percent of request) and conditions.</summary>
public sealed record HpaStatusResponse(
    string Name,
    int? CurrentReplicas,
    int DesiredReplicas,
    int? MinReplicas,
    int MaxReplicas,
    int? CurrentCpuUtilization,
    int? TargetCpuUtilization,
    DateTime? LastScaleTime,
    IReadOnlyList<HpaConditionResponse> Conditions);
