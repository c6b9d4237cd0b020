namespace Pi.Orleans.Grains.Scheduling;

/// <summary>One chunk attempt to send now: the chunk, its attempt number (from 1) and the silo it is aimed at, with that silo's name (both null: placement chooses).</summary>
public sealed record ChunkDispatch(int Index, int Attempt, string? Silo, string? SiloName);
