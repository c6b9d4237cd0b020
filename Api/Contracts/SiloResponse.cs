namespace Pi.Orleans.Api.Contracts;

/// <summary>One active silo: address, name (the pod's in Kubernetes), status, its chunk slots and the unfinished chunks of the calculations it hosts.</summary>
public sealed record SiloResponse(
    string Address,
    string Name,
    string Status,
    bool RunsChunks,
    int SlotsTotal,
    int SlotsUsed,
    int SlotsQueued,
    long ChunksCompleted,
    long PendingChunks);
