using Pi.Orleans.Grains.Sampling;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>How a calculation is cut into chunks of whole blocks; only the last chunk may end inside a block.</summary>
public sealed record ChunkPlan(long TotalPoints, long BlocksPerChunk, int ChunkCount)
{
    /// <summary>The plan for <paramref name="totalPoints"/> with chunks near <paramref name="chunkPoints"/> and at most <paramref name="maxChunks"/> of them.</summary>
    public static ChunkPlan Create(long totalPoints, long chunkPoints, int maxChunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalPoints);
        var totalBlocks = CeilDiv(totalPoints, PointStreams.BlockSize);
        var blocksPerChunk = Math.Max(CeilDiv(chunkPoints, PointStreams.BlockSize), CeilDiv(totalBlocks, maxChunks));
        return new ChunkPlan(totalPoints, blocksPerChunk, (int)CeilDiv(totalBlocks, blocksPerChunk));
    }

    /// <summary>The work of chunk <paramref name="index"/>.</summary>
    public ChunkWork Work(ulong seed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ChunkCount);
        var firstBlock = index * BlocksPerChunk;
        var firstPoint = firstBlock * PointStreams.BlockSize;
        return new ChunkWork(seed, firstBlock, Math.Min(BlocksPerChunk * PointStreams.BlockSize, TotalPoints - firstPoint));
    }

    private static long CeilDiv(long a, long b) => (a / b) + (a % b == 0 ? 0 : 1);
}
