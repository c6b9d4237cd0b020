namespace Pi.Orleans;

/// <summary>
/// One silo's chunk slots: how many exist, how many run a chunk and how many chunks wait; the unfinished chunks of the
/// calculations it hosts; and the points one of its slots samples per second (measured over its recent chunks, or by a
/// calibration run at start; 0 when unknown or when the silo runs no chunks).
/// </summary>
[GenerateSerializer, Immutable, Alias("pi.SlotSnapshot")]
public sealed record SlotSnapshot(
    string Silo, int Total, int Used, int Queued, bool RunsChunks, long ChunksCompleted, long PendingChunks, string Name, double PointsPerSecondPerSlot = 0);
