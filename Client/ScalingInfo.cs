namespace Pi.Orleans.Client;

/// <summary>GET /api/scaling: the backlog signal (busy and queued slots, unfinished chunks, workers wanted).</summary>
public sealed record ScalingInfo(int SlotsTotal, int SlotsUsed, int SlotsQueued, long PendingChunks, int SlotsPerWorker, int DesiredWorkers);
