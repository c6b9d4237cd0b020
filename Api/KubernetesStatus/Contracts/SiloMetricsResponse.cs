namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>One silo's runtime statistics: CPU percent, memory in bytes (used, available, most available) and activations.</summary>
public sealed record SiloMetricsResponse(
    string Address,
    string Name,
    float CpuUsagePercent,
    long MemoryUsageBytes,
    long AvailableMemoryBytes,
    long MaximumAvailableMemoryBytes,
    int Activations,
    int RecentlyUsedActivations,
    bool Overloaded);
