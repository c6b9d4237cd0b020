namespace Pi.Orleans.Api.Kubernetes.Contracts;

/// <summary>The runtime statistics of every active silo that answered.</summary>
public sealed record OrleansSiloMetrics(IReadOnlyList<SiloMetricsResponse> Silos);
