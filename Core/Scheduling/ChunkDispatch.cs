namespace Pi.Orleans.Core.Scheduling;

/// <summary>
/// One chunk attempt to send now: the chunk, its attempt number (from 1) and the silo it is aimed at, with that silo's name
/// (both null: placement chooses). <paramref name="Speculative"/>: a duplicate of an attempt still running elsewhere, sent
/// because that one straggles; whichever ends first counts.
/// </summary>
public sealed record ChunkDispatch(int Index, int Attempt, string? Silo, string? SiloName, bool Speculative = false);
