namespace Pi.Orleans;

/// <summary>One chunk: a run of whole sampler blocks starting at <see cref="FirstBlock"/>, <see cref="Points"/> points long.</summary>
[GenerateSerializer, Immutable, Alias("pi.ChunkWork")]
public sealed record ChunkWork(ulong Seed, long FirstBlock, long Points);
