namespace Pi.Orleans.Api.Kubernetes.Contracts;

/// <summary>One active silo: address, name (the pod's in Kubernetes), status and its chunk slots.</summary>
public sealed record SiloSlotsResponse(
    string Address,
    string Name,
    string Status,
    bool RunsChunks,
    int SlotsTotal,
    int SlotsUsed,
    int SlotsQueued,
    long ChunksCompleted,
    long PendingChunks);
