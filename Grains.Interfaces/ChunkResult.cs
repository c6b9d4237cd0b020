namespace Pi.Orleans;

/// <summary>The counts of one chunk, and where and how fast it ran.</summary>
[GenerateSerializer, Immutable, Alias("pi.ChunkResult")]
public sealed record ChunkResult(long Inside, long Total, string Silo, double ComputeMs, double QueuedMs);
