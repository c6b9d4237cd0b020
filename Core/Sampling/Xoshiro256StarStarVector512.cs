using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pi.Orleans.Core.Sampling;

/// <summary>Eight xoshiro256** generators side by side: element k is lane k of a block.</summary>
internal struct Xoshiro256StarStarVector512
{
    // vpternlogq truth table of a ^ b ^ c.
    private const byte XorOfThree = 0x96;

    private Vector512<ulong> _s0;
    private Vector512<ulong> _s1;
    private Vector512<ulong> _s2;
    private Vector512<ulong> _s3;

    /// <summary>Loads the state of one block laid out by <see cref="PointStreams.BlockState"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Xoshiro256StarStarVector512(ReadOnlySpan<ulong> words)
    {
        const int lanes = PointStreams.Lanes;
        _s0 = Vector512.Create(words[..lanes]);
        _s1 = Vector512.Create(words[lanes..(2 * lanes)]);
        _s2 = Vector512.Create(words[(2 * lanes)..(3 * lanes)]);
        _s3 = Vector512.Create(words[(3 * lanes)..(4 * lanes)]);
    }

    /// <summary>The next output of every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Next()
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
    private static Vector512<ulong> Times5(Vector512<ulong> value) =>
        Avx512DQ.IsSupported ? Avx512DQ.MultiplyLow(value, Vector512.Create(5UL)) : value + (value << 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Times9(Vector512<ulong> value) =>
        Avx512DQ.IsSupported ? Avx512DQ.MultiplyLow(value, Vector512.Create(9UL)) : value + (value << 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Xor(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c) =>
        Avx512F.IsSupported ? Avx512F.TernaryLogic(a, b, c, XorOfThree) : a ^ b ^ c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> RotateLeft(Vector512<ulong> value, [ConstantExpected] byte count) =>
        Avx512F.IsSupported ? Avx512F.RotateLeft(value, count) : (value << count) | (value >> (64 - count));
}
