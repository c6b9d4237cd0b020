namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>GET /api/k8s/status: the pods and HPA as Kubernetes sees them, the silos as Orleans sees them, and where they disagree.</summary>
public sealed record KubernetesStatusResponse(KubernetesPodsStatus Kubernetes, OrleansSilosStatus Orleans, PodSiloMismatch? Mismatch);
