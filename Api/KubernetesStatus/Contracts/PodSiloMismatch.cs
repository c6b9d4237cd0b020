namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>Active silos whose name is no listed pod, and listed pods with no active silo of that name.</summary>
public sealed record PodSiloMismatch(IReadOnlyList<string> SilosWithoutPod, IReadOnlyList<string> PodsWithoutSilo);
