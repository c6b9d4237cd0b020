using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Core.Planning;

/// <summary>
/// How a calculation is cut into chunks of whole blocks; only the last chunk may end inside a block. A uniform plan has
/// chunks of <see cref="BlocksPerChunk"/> (the last one shorter). A tapered plan ends in tiers of <see cref="TaperWidth"/>
/// chunks each, every tier half the size of the one before, down to <see cref="TaperFloorBlocks"/>, so that the last wave is
/// short (guided self-scheduling, decided once): the slots finish together, within a small chunk of each other. The plan is
/// a pure function of those four numbers, which the state stores, so a resume cuts exactly the same chunks.
/// </summary>
public sealed class ChunkPlan
{
    private readonly int[] _firstIndex;
    private readonly long[] _firstBlock;
    private readonly long[] _blocks;

    private ChunkPlan(long totalPoints, long blocksPerChunk, int taperWidth, long taperFloorBlocks, List<(int Count, long Blocks)> runs)
    {
        TotalPoints = totalPoints;
        BlocksPerChunk = blocksPerChunk;
        TaperWidth = taperWidth;
        TaperFloorBlocks = taperFloorBlocks;
        _firstIndex = new int[runs.Count];
        _firstBlock = new long[runs.Count];
        _blocks = new long[runs.Count];
        long index = 0, block = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            (_firstIndex[i], _firstBlock[i], _blocks[i]) = (checked((int)index), block, runs[i].Blocks);
            index += runs[i].Count;
            block += runs[i].Count * runs[i].Blocks;
        }

        ChunkCount = checked((int)index);
    }

    /// <summary>Points of the calculation.</summary>
    public long TotalPoints { get; }

    /// <summary>Blocks of the body's chunks: every chunk but the tail's, and one odd chunk of up to twice that in a tapered plan.</summary>
    public long BlocksPerChunk { get; }

    /// <summary>Chunks per tier of the tapered tail; 0: a uniform plan.</summary>
    public int TaperWidth { get; }

    /// <summary>The smallest tier's chunk size, in blocks; 0 for a uniform plan.</summary>
    public long TaperFloorBlocks { get; }

    /// <summary>How many chunks there are.</summary>
    public int ChunkCount { get; }

    /// <summary>Points in a body chunk.</summary>
    public long ChunkPoints => BlocksPerChunk * PointStreams.BlockSize;

    /// <summary>
    /// The plan these numbers describe: uniform chunks of <paramref name="blocksPerChunk"/> when <paramref name="taperWidth"/>
    /// is 0 (as every plan was before plans tapered), else tapered.
    /// </summary>
    public static ChunkPlan Of(long totalPoints, long blocksPerChunk, int taperWidth = 0, long taperFloorBlocks = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalPoints);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blocksPerChunk);
        ArgumentOutOfRangeException.ThrowIfNegative(taperWidth);
        var totalBlocks = CeilDiv(totalPoints, PointStreams.BlockSize);
        if (taperWidth == 0 || taperFloorBlocks <= 0)
        {
            // The shorter chunk last, as uniform plans always had it: a resumed old calculation cuts what it cut before.
            List<(int, long)> uniform = [((int)(totalBlocks / blocksPerChunk), blocksPerChunk)];
            if (totalBlocks % blocksPerChunk > 0)
            {
                uniform.Add((1, totalBlocks % blocksPerChunk));
            }

            return new ChunkPlan(totalPoints, blocksPerChunk, 0, 0, [.. uniform.Where(r => r.Item1 > 0)]);
        }

        // The tiers from the smallest up, each filled with taperWidth chunks while blocks are left; then the body. Within a
        // tier (and the body) a shorter chunk goes first, so sizes only ever shrink towards the end.
        var reversed = new List<(int Count, long Blocks)>();
        var left = totalBlocks;
        var tiers = new List<long>();
        for (var size = blocksPerChunk / 2; size >= taperFloorBlocks && size > 0; size /= 2)
        {
            tiers.Add(size);
        }

        for (var tier = tiers.Count - 1; tier >= 0 && left > 0; tier--)
        {
            var take = Math.Min(left, taperWidth * tiers[tier]);
            Fill(reversed, take, tiers[tier], taperFloorBlocks);
            left -= take;
        }

        Fill(reversed, left, blocksPerChunk, taperFloorBlocks);
        reversed.Reverse();
        return new ChunkPlan(totalPoints, blocksPerChunk, taperWidth, taperFloorBlocks, reversed);
    }

    /// <summary>The uniform plan for <paramref name="totalPoints"/> with chunks near <paramref name="chunkPoints"/> and at most <paramref name="maxChunks"/> of them.</summary>
    public static ChunkPlan Create(long totalPoints, long chunkPoints, int maxChunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalPoints);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkPoints);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChunks);
        var totalBlocks = CeilDiv(totalPoints, PointStreams.BlockSize);
        return Of(totalPoints, Math.Max(CeilDiv(chunkPoints, PointStreams.BlockSize), CeilDiv(totalBlocks, maxChunks)));
    }

    /// <summary>
    /// The uniform plan for <paramref name="totalPoints"/> with chunks of about <paramref name="chunkDuration"/> at
    /// <paramref name="pointsPerSecondPerSlot"/>, in whole blocks; chunks of <paramref name="chunkPoints"/> when the rate is
    /// unknown (0) or the duration is zero; at most <paramref name="maxChunks"/> chunks either way.
    /// </summary>
    public static ChunkPlan ForDuration(long totalPoints, double pointsPerSecondPerSlot, TimeSpan chunkDuration, long chunkPoints, int maxChunks) =>
        Create(totalPoints, PointsFor(pointsPerSecondPerSlot, chunkDuration, chunkPoints), maxChunks);

    /// <summary>
    /// The plan for <paramref name="totalPoints"/> on the chunk-running <paramref name="silos"/> now. While no slot knows its
    /// rate (or <see cref="PlanningOptions.ChunkDuration"/> is zero), uniform chunks of <see cref="PlanningOptions.ChunkPoints"/>. Else chunks
    /// of <see cref="ChunkTiming.TargetDuration"/> at the measured rate, smaller when that would give fewer than
    /// <see cref="PlanningOptions.ChunksPerSlot"/> per slot, never under the floor (<see cref="PlanningOptions.MinChunkDuration"/>, or
    /// longer on so many slots that the completions would pass <see cref="PlanningOptions.MaxCompletionsPerSecond"/>), with a
    /// tapered tail one wave of the slots wide per tier.
    /// </summary>
    internal static ChunkPlan ForCluster(long totalPoints, IReadOnlyCollection<SiloSlots> silos, PlanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(silos);
        ArgumentNullException.ThrowIfNull(options);
        var slots = Math.Max(1, silos.Where(s => s.RunsChunks).Sum(s => s.Total));
        var rate = silos.PointsPerSecondPerSlot();
        var duration = ChunkTiming.TargetDuration(options, slots);
        if (!(rate > 0) || duration <= TimeSpan.Zero)
        {
            return Create(totalPoints, options.ChunkPoints, options.MaxChunks);
        }

        var floorSeconds = Math.Min(duration.TotalSeconds, Math.Max(options.MinChunkDuration.TotalSeconds, (double)slots / options.MaxCompletionsPerSecond));
        var floorPoints = rate * floorSeconds;
        var bodyPoints = Math.Max(floorPoints, Math.Min(rate * duration.TotalSeconds, (double)totalPoints / ((long)options.ChunksPerSlot * slots)));
        var totalBlocks = CeilDiv(totalPoints, PointStreams.BlockSize);
        var blocks = Math.Max(BlocksOf(bodyPoints), CeilDiv(totalBlocks, options.MaxChunks));
        return Of(totalPoints, blocks, slots, Math.Min(blocks, BlocksOf(floorPoints)));
    }

    /// <summary>Seconds a body chunk takes at <paramref name="pointsPerSecondPerSlot"/>; 0 when the rate is unknown.</summary>
    public double ChunkSeconds(double pointsPerSecondPerSlot) => pointsPerSecondPerSlot > 0 ? ChunkPoints / pointsPerSecondPerSlot : 0;

    /// <summary>The points of chunk <paramref name="index"/>.</summary>
    public long PointsOf(int index) => Work(0, index).Points;

    /// <summary>The work of chunk <paramref name="index"/>.</summary>
    public ChunkRange Work(ulong seed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ChunkCount);
        var run = Array.BinarySearch(_firstIndex, index);
        run = run >= 0 ? run : ~run - 1;
        var firstBlock = _firstBlock[run] + ((index - _firstIndex[run]) * _blocks[run]);
        var firstPoint = firstBlock * PointStreams.BlockSize;
        return new ChunkRange(seed, firstBlock, Math.Min(_blocks[run] * PointStreams.BlockSize, TotalPoints - firstPoint));
    }

    private static long PointsFor(double pointsPerSecondPerSlot, TimeSpan chunkDuration, long chunkPoints) =>
        pointsPerSecondPerSlot > 0 && chunkDuration > TimeSpan.Zero
            ? (long)Math.Clamp(pointsPerSecondPerSlot * chunkDuration.TotalSeconds, PointStreams.BlockSize, long.MaxValue / 2)
            : chunkPoints;

    private static long BlocksOf(double points) => Math.Max(1, (long)Math.Ceiling(Math.Min(points, long.MaxValue / 2) / PointStreams.BlockSize));

    // Adds blocks as chunks of size, the odd one (if any) after the full ones: the list is reversed at the end. An odd chunk
    // under the floor joins a full one (at most twice the size), so no chunk costs more in overhead than the floor allows.
    private static void Fill(List<(int Count, long Blocks)> reversed, long blocks, long size, long floor)
    {
        var (full, odd) = (blocks / size, blocks % size);
        if (odd > 0 && odd < floor && full > 0)
        {
            (full, odd) = (full - 1, odd + size);
        }

        if (full > 0)
        {
            reversed.Add((checked((int)full), size));
        }

        if (odd > 0)
        {
            reversed.Add((1, odd));
        }
    }

    private static long CeilDiv(long a, long b) => (a / b) + (a % b == 0 ? 0 : 1);
}
