namespace Pi.Orleans.Api.Scaling;

/// <summary>The backlog signal: the cluster's slots, the unfinished chunks and the workers the backlog needs.</summary>
public sealed record ScalingReport(int SlotsTotal, int SlotsUsed, int SlotsQueued, long PendingChunks, int SlotsPerWorker, int DesiredWorkers);
