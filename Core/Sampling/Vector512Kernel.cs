using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pi.Orleans.Core.Sampling;

/// <summary>The eight lanes of a block in one <see cref="Vector512{T}"/>, two blocks in flight.</summary>
internal static class Vector512Kernel
{
    private const int Words = PointStreams.StateWords * PointStreams.Lanes;
    private const int StepsPerBlock = PointStreams.BlockSize / PointStreams.Lanes;

    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    /// <summary>Counts the inside points of the two whole blocks <paramref name="block"/> and <paramref name="block"/> + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long CountBlockPair(ulong seed, long block)
    {
        Span<ulong> words = stackalloc ulong[2 * Words];
        PointStreams.BlockState(seed, block, words);
        PointStreams.BlockState(seed, block + 1, words[Words..]);
        var first = new Xoshiro256StarStarVector512(words);
        var second = new Xoshiro256StarStarVector512(words[Words..]);

        // The two generators are independent, so their dependency chains overlap.
        long inside = 0;
        for (var step = 0; step < StepsPerBlock; step += 2)
        {
            inside += InsideCount(first.Next());
            inside += InsideCount(second.Next());
            inside += InsideCount(first.Next());
            inside += InsideCount(second.Next());
        }

        return inside;
    }

    /// <summary>Counts the inside points among the first <paramref name="points"/> points of one block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long CountBlock(ulong seed, long block, int points)
    {
        Span<ulong> words = stackalloc ulong[Words];
        PointStreams.BlockState(seed, block, words);
        var lanes = new Xoshiro256StarStarVector512(words);
        var steps = points / PointStreams.Lanes;
        long inside = 0;
        var step = 0;
        for (; step + 2 <= steps; step += 2)
        {
            inside += InsideCount(lanes.Next());
            inside += InsideCount(lanes.Next());
        }

        if (step < steps)
        {
            inside += InsideCount(lanes.Next());
        }

        // The last, partial step counts only the lanes below the rest.
        var rest = points % PointStreams.Lanes;
        if (rest != 0)
        {
            inside += BitOperations.PopCount(InsideMask(lanes.Next()) & ((1UL << rest) - 1));
        }

        return inside;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int InsideCount(Vector512<ulong> output) => BitOperations.PopCount(InsideMask(output));

    // PointStreams.Inside for eight outputs, one bit per lane. The low 32 bits of (r >> 32) | 1 and (r >> 1) | 1 are
    // 2x+1 and 2y+1, and (2x+1)² + (2y+1)² = 4(x(x+1) + y(y+1)) + 2 is below 2^64 exactly when x(x+1) + y(y+1) < 2^62:
    // the point is inside when the 64-bit sum of the two squares does not wrap.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong InsideMask(Vector512<ulong> output)
    {
        var xx = Square32((output >> 32) | Vector512<ulong>.One);
        var yy = Square32((output >> 1) | Vector512<ulong>.One);
        return Vector512.GreaterThanOrEqual(xx + yy, xx).ExtractMostSignificantBits();
    }

    // The square of the low 32 bits of each element.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Square32(Vector512<ulong> value)
    {
        if (Avx512F.IsSupported)
        {
            return Avx512F.Multiply(value.AsUInt32(), value.AsUInt32());
        }

        var low = value & Vector512.Create(0xFFFF_FFFFUL);
        return low * low;
    }
}
