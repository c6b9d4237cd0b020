namespace Pi.Orleans.Client;

/// <summary>GET /api/cluster: the active silos and the slot totals of the chunk-running ones.</summary>
public sealed record ClusterInfo(IReadOnlyList<SiloInfo> Silos, int SlotsTotal, int SlotsUsed, int SlotsQueued);
