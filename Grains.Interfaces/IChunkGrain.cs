namespace Pi.Orleans;

/// <summary>Computes one chunk attempt; its key is unique per attempt so every attempt is placed afresh.</summary>
[Alias("pi.IChunkGrain")]
public interface IChunkGrain : IGrainWithStringKey
{
    /// <summary>Counts the points of <paramref name="work"/> that fall inside the quarter circle.</summary>
    [Alias("Compute")]
    Task<ChunkResult> ComputeAsync(ChunkWork work, CancellationToken cancellationToken = default);
}
