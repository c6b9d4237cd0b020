namespace Pi.Orleans.Client;

/// <summary>One active silo with its chunk slots and the chunks it has completed.</summary>
public sealed record SiloInfo(
    string Address, string Name, string Status, bool RunsChunks, int SlotsTotal, int SlotsUsed, int SlotsQueued, long ChunksCompleted);
