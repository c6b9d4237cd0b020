using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pi.Orleans.Core.Sampling;

/// <summary>Four xoshiro256** generators side by side: element k is lane firstLane + k of a block.</summary>
internal struct Xoshiro256StarStarVector256
{
    // vpternlogq truth table of a ^ b ^ c.
    private const byte XorOfThree = 0x96;

    private Vector256<ulong> _s0;
    private Vector256<ulong> _s1;
    private Vector256<ulong> _s2;
    private Vector256<ulong> _s3;

    /// <summary>Loads four lanes, from <paramref name="firstLane"/> on, of a block laid out by <see cref="PointStreams.BlockState"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Xoshiro256StarStarVector256(ReadOnlySpan<ulong> words, int firstLane)
    {
        const int lanes = PointStreams.Lanes;
        var count = Vector256<ulong>.Count;
        _s0 = Vector256.Create(words.Slice(firstLane, count));
        _s1 = Vector256.Create(words.Slice(lanes + firstLane, count));
        _s2 = Vector256.Create(words.Slice((2 * lanes) + firstLane, count));
        _s3 = Vector256.Create(words.Slice((3 * lanes) + firstLane, count));
    }

    /// <summary>The next output of every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Next()
    {
        // The scalar step (s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; rotate s3) written from the old words,
        // so that AVX-512 folds each pair of xors into one three-way xor.
        var s0 = _s0;
        var s1 = _s1;
        var s2 = _s2;
        var s13 = _s3 ^ s1;
        _s0 = s0 ^ s13;
        _s1 = Xor(s1, s2, s0);
        _s2 = Xor(s2, s0, s1 << 17);
        _s3 = RotateLeft(s13, 45);
        return Times9(RotateLeft(Times5(s1), 7));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Times5(Vector256<ulong> value) =>
        Avx512DQ.VL.IsSupported ? Avx512DQ.VL.MultiplyLow(value, Vector256.Create(5UL)) : value + (value << 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Times9(Vector256<ulong> value) =>
        Avx512DQ.VL.IsSupported ? Avx512DQ.VL.MultiplyLow(value, Vector256.Create(9UL)) : value + (value << 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Xor(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(a, b, c, XorOfThree) : a ^ b ^ c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> RotateLeft(Vector256<ulong> value, [ConstantExpected] byte count) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateLeft(value, count) : (value << count) | (value >> (64 - count));
}
