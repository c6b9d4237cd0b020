using Pi.Orleans.Grains.Sampling;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>How a calculation is cut into chunks of whole blocks; only the last chunk may end inside a block.</summary>
public sealed record ChunkPlan(long TotalPoints, long BlocksPerChunk, int ChunkCount)
{
    /// <summary>The plan for <paramref name="totalPoints"/> with chunks near <paramref name="chunkPoints"/> and at most <paramref name="maxChunks"/> of them.</summary>
    public static ChunkPlan Create(long totalPoints, long chunkPoints, int maxChunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalPoints);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkPoints);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChunks);
        var totalBlocks = CeilDiv(totalPoints, PointStreams.BlockSize);
        var blocksPerChunk = Math.Max(CeilDiv(chunkPoints, PointStreams.BlockSize), CeilDiv(totalBlocks, maxChunks));
        return new ChunkPlan(totalPoints, blocksPerChunk, (int)CeilDiv(totalBlocks, blocksPerChunk));
    }

    /// <summary>
    /// The plan for <paramref name="totalPoints"/> with chunks of about <paramref name="chunkDuration"/> at
    /// <paramref name="pointsPerSecondPerSlot"/>, in whole blocks; chunks of <paramref name="chunkPoints"/> when the rate is
    /// unknown (0) or the duration is zero; at most <paramref name="maxChunks"/> chunks either way.
    /// </summary>
    public static ChunkPlan ForDuration(long totalPoints, double pointsPerSecondPerSlot, TimeSpan chunkDuration, long chunkPoints, int maxChunks)
    {
        var target = pointsPerSecondPerSlot > 0 && chunkDuration > TimeSpan.Zero
            ? (long)Math.Clamp(pointsPerSecondPerSlot * chunkDuration.TotalSeconds, PointStreams.BlockSize, long.MaxValue / 2)
            : chunkPoints;
        return Create(totalPoints, target, maxChunks);
    }

    /// <summary>
    /// The plan for <paramref name="totalPoints"/> on the chunk-running <paramref name="silos"/> now: chunks of
    /// <see cref="ChunkTiming.TargetDuration"/> at their measured slot rate, or of <see cref="PiOptions.ChunkPoints"/> while none knows its rate.
    /// </summary>
    public static ChunkPlan ForCluster(long totalPoints, IReadOnlyCollection<SlotSnapshot> silos, PiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var duration = ChunkTiming.TargetDuration(options, silos.Where(s => s.RunsChunks).Sum(s => s.Total));
        return ForDuration(totalPoints, silos.PointsPerSecondPerSlot(), duration, options.ChunkPoints, options.MaxChunks);
    }

    /// <summary>Points in a full chunk (every chunk but maybe the last).</summary>
    public long ChunkPoints => BlocksPerChunk * PointStreams.BlockSize;

    /// <summary>Seconds a full chunk takes at <paramref name="pointsPerSecondPerSlot"/>; 0 when the rate is unknown.</summary>
    public double ChunkSeconds(double pointsPerSecondPerSlot) => pointsPerSecondPerSlot > 0 ? ChunkPoints / pointsPerSecondPerSlot : 0;

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
