namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>GET /api/cluster: the active silos.</summary>
public sealed record ClusterJson(SiloJson[] Silos);
