namespace Pi.Orleans.Core.Planning;

/// <summary>One chunk of a <see cref="ChunkPlan"/>: a run of whole sampler blocks starting at <see cref="FirstBlock"/>, <see cref="Points"/> points long.</summary>
/// <param name="Seed">The calculation's seed.</param>
/// <param name="FirstBlock">The chunk's first block.</param>
/// <param name="Points">The chunk's points.</param>
public sealed record ChunkRange(ulong Seed, long FirstBlock, long Points);
