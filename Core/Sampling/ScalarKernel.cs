using System.Runtime.CompilerServices;

namespace Pi.Orleans.Core.Sampling;

/// <summary>The reference kernel: one <see cref="Xoshiro256StarStar"/> and <see cref="PointStreams.Inside"/> per point.</summary>
internal static class ScalarKernel
{
    /// <summary>Counts the inside points of the two whole blocks <paramref name="block"/> and <paramref name="block"/> + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long CountBlockPair(ulong seed, long block) =>
        CountBlock(seed, block, PointStreams.BlockSize) + CountBlock(seed, block + 1, PointStreams.BlockSize);

    /// <summary>Counts the inside points among the first <paramref name="points"/> points of one block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
