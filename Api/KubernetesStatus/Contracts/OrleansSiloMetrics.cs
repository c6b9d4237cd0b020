namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>The runtime statistics of every active silo that answered.</summary>
public sealed record OrleansSiloMetrics(IReadOnlyList<SiloMetricsResponse> Silos);
