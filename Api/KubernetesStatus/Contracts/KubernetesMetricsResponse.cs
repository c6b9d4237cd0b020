namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>GET /api/k8s/metrics: per-pod usage from metrics.k8s.io and per-silo statistics from Orleans.</summary>
public sealed record KubernetesMetricsResponse(KubernetesPodMetrics Kubernetes, OrleansSiloMetrics Orleans);
