namespace Pi.Orleans.Api.Contracts;

/// <summary>One active silo: address, name and chunk slots.</summary>
public sealed record SiloResponse(string Address, string Name, string Status, bool RunsChunks, int SlotsTotal, int SlotsUsed, int SlotsQueued, long ChunksCompleted);
