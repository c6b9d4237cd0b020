namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>One silo pod: phase, readiness, node, IP, age, container restarts and its pod-deletion cost.</summary>
public sealed record PodStatusResponse(string Name, string? Phase, bool Ready, string? Node, string? Ip, double? AgeSeconds, int Restarts, string? DeletionCost);
