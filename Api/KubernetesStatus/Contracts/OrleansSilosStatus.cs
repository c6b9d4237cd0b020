using Pi.Orleans.Contracts;

namespace Pi.Orleans.Api.KubernetesStatus.Contracts;

/// <summary>The active silos with their chunk slots.</summary>
public sealed record OrleansSilosStatus(int SiloCount, IReadOnlyList<SiloInfo> Silos);
