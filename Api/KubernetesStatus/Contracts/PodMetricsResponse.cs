namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>One pod's usage summed over its containers: CPU in millicores, memory in bytes, over the sampling window.</summary>
public sealed record PodMetricsResponse(string Name, double CpuMillicores, long MemoryBytes, string? Window, DateTime? Timestamp);
