namespace Pi.Orleans.Grains.Sampling;

/// <summary>
/// Counts the sampled points inside the quarter circle for a run of whole blocks. Plain code with no Orleans types:
/// the grains call it, and a faster kernel can replace <see cref="CountBlock"/> without touching them.
/// </summary>
public static class PiSampler
{
    /// <summary>Counts the inside points among <paramref name="points"/> points that start at block <paramref name="firstBlock"/>.</summary>
    public static long CountInside(ulong seed, long firstBlock, long points, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstBlock);
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        long inside = 0;
        var block = firstBlock;
        for (var left = points; left > 0; left -= PointStreams.BlockSize, block++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inside += CountBlock(seed, block, (int)Math.Min(left, PointStreams.BlockSize));
        }

        return inside;
    }

    /// <summary>Counts the inside points among the first <paramref name="points"/> points of one block.</summary>
    public static long CountBlock(ulong seed, long block, int points)
    {
        long inside = 0;
        var fullSteps = points / PointStreams.Lanes;
        var rest = points % PointStreams.Lanes;
        for (var lane = 0; lane < PointStreams.Lanes; lane += 2)
        {
            inside += CountLanePair(seed, block, lane, fullSteps, rest);
        }

        return inside;
    }

    // Two lanes at once: their generators are independent, so the CPU overlaps the two dependency chains.
    private static long CountLanePair(ulong seed, long block, int lane, int fullSteps, int rest)
    {
        var a = PointStreams.Lane(seed, block, lane);
        var b = PointStreams.Lane(seed, block, lane + 1);
        long inside = 0;
        for (var step = 0; step < fullSteps; step++)
        {
            inside += PointStreams.Inside(a.Next());
            inside += PointStreams.Inside(b.Next());
        }

        if (lane < rest)
        {
            inside += PointStreams.Inside(a.Next());
        }

        if (lane + 1 < rest)
        {
            inside += PointStreams.Inside(b.Next());
        }

        return inside;
    }
}
