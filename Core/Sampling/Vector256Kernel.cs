using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pi.Orleans.Core.Sampling;

/// <summary>The eight lanes of a block in two <see cref="Vector256{T}"/> (lanes 0–3 and 4–7), two blocks in flight.</summary>
internal static class Vector256Kernel
{
    private const int Words = PointStreams.StateWords * PointStreams.Lanes;
    private const int StepsPerBlock = PointStreams.BlockSize / PointStreams.Lanes;
    private const int Half = PointStreams.Lanes / 2;

    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>Counts the inside points of the two whole blocks <paramref name="block"/> and <paramref name="block"/> + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long CountBlockPair(ulong seed, long block)
    {
        Span<ulong> words = stackalloc ulong[2 * Words];
        PointStreams.BlockState(seed, block, words);
        PointStreams.BlockState(seed, block + 1, words[Words..]);
        var firstLow = new Xoshiro256StarStarVector256(words, 0);
        var firstHigh = new Xoshiro256StarStarVector256(words, Half);
        var secondLow = new Xoshiro256StarStarVector256(words[Words..], 0);
        var secondHigh = new Xoshiro256StarStarVector256(words[Words..], Half);

        // Four independent generators keep four dependency chains in flight.
        long inside = 0;
        for (var step = 0; step < StepsPerBlock; step++)
        {
            inside += BitOperations.PopCount(InsideMask(firstLow.Next()) | (InsideMask(firstHigh.Next()) << Half));
            inside += BitOperations.PopCount(InsideMask(secondLow.Next()) | (InsideMask(secondHigh.Next()) << Half));
        }

        return inside;
    }

    /// <summary>Counts the inside points among the first <paramref name="points"/> points of one block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long CountBlock(ulong seed, long block, int points)
    {
        Span<ulong> words = stackalloc ulong[Words];
        PointStreams.BlockState(seed, block, words);
        var low = new Xoshiro256StarStarVector256(words, 0);
        var high = new Xoshiro256StarStarVector256(words, Half);
        var steps = points / PointStreams.Lanes;
        long inside = 0;
        for (var step = 0; step < steps; step++)
        {
            inside += BitOperations.PopCount(InsideMask(low.Next()) | (InsideMask(high.Next()) << Half));
        }

        // The last, partial step counts only the lanes below the rest.
        var rest = points % PointStreams.Lanes;
        if (rest != 0)
        {
            var mask = InsideMask(low.Next()) | (InsideMask(high.Next()) << Half);
            inside += BitOperations.PopCount(mask & ((1U << rest) - 1));
        }

        return inside;
    }

    // PointStreams.Inside for four outputs, one bit per lane: inside when the squares of 2x+1 and 2y+1 add up without
    // wrapping (see Vector512Kernel).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint InsideMask(Vector256<ulong> output)
    {
        var xx = Square32((output >> 32) | Vector256<ulong>.One);
        var yy = Square32((output >> 1) | Vector256<ulong>.One);
        if (Avx512F.VL.IsSupported)
        {
            return Vector256.GreaterThanOrEqual(xx + yy, xx).ExtractMostSignificantBits();
        }

        // AVX2 has no unsigned compare. Both squares are odd and their sum is never exactly 2^64, so the sum wraps
        // exactly when the sum of their halves reaches 2^63.
        return ~((xx >> 1) + (yy >> 1)).ExtractMostSignificantBits() & 0xF;
    }

    // The square of the low 32 bits of each element.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Square32(Vector256<ulong> value)
    {
        if (Avx2.IsSupported)
        {
            return Avx2.Multiply(value.AsUInt32(), value.AsUInt32());
        }

        var low = value & Vector256.Create(0xFFFF_FFFFUL);
        return low * low;
    }
}
