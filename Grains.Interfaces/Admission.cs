namespace Pi.Orleans;

/// <summary>Whether a calculation was admitted, and the active counts (cluster, client) that decided it.</summary>
[GenerateSerializer, Immutable, Alias("pi.Admission")]
public sealed record Admission(bool Admitted, int ActiveInCluster, int ActiveForClient);
