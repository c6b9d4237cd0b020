namespace Pi.Orleans;

/// <summary>One silo's chunk slots: how many exist, how many run a chunk and how many chunks wait; and the unfinished chunks of the calculations it hosts.</summary>
[GenerateSerializer, Immutable, Alias("pi.SlotSnapshot")]
public sealed record SlotSnapshot(string Silo, int Total, int Used, int Queued, bool RunsChunks, long ChunksCompleted, long PendingChunks, string Name);
