namespace Pi.Orleans.Api.Contracts;

/// <summary>The silos of the cluster with their chunk slots, and the totals.</summary>
public sealed record ClusterResponse(IReadOnlyList<SiloResponse> Silos, int SlotsTotal, int SlotsUsed, int SlotsQueued);
