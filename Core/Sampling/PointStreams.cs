using System.Runtime.CompilerServices;

namespace Pi.Orleans.Core.Sampling;

/// <summary>
/// The layout of the random streams. Point i of a calculation belongs to block i / BlockSize; inside its block,
/// point j is step j / Lanes of lane j % Lanes. Every (seed, block, lane) has its own xoshiro256** generator, so a
/// point's coordinates depend only on the seed and its index: any split into whole-block chunks, any retry and any
/// kernel width sees the same points.
/// </summary>
public static class PointStreams
{
    /// <summary>Points per block.</summary>
    public const int BlockSize = 1 << 16;

    /// <summary>Independent generators per block.</summary>
    public const int Lanes = 8;

    /// <summary>Squared radius of the quarter circle on the 2^31 lattice.</summary>
    public const ulong RadiusSquared = 1UL << 62;

    /// <summary>State words of one xoshiro256** generator.</summary>
    internal const int StateWords = 4;

    private const ulong Golden = 0x9E3779B97F4A7C15;

    /// <summary>The generator state of one lane of one block.</summary>
    public static Xoshiro256StarStar Lane(ulong seed, long block, int lane)
    {
        var start = Mix(seed ^ 0x243F6A8885A308D3) ^ Mix(((ulong)block * Lanes) + (ulong)lane + 1);
        return new Xoshiro256StarStar(
            Mix(start + Golden),
            Mix(start + unchecked(2 * Golden)),
            Mix(start + unchecked(3 * Golden)),
            Mix(start + unchecked(4 * Golden)));
    }

    /// <summary>
    /// The generator states of all lanes of one block, word by word for vector loads: <c>words[w * Lanes + lane]</c>
    /// holds state word w of <see cref="Lane"/>(seed, block, lane).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void BlockState(ulong seed, long block, Span<ulong> words)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(words.Length, StateWords * Lanes);
        var key = Mix(seed ^ 0x243F6A8885A308D3);
        for (var lane = 0; lane < Lanes; lane++)
        {
            var start = key ^ Mix(((ulong)block * Lanes) + (ulong)lane + 1);
            words[lane] = Mix(start + Golden);
            words[Lanes + lane] = Mix(start + unchecked(2 * Golden));
            words[(2 * Lanes) + lane] = Mix(start + unchecked(3 * Golden));
            words[(3 * Lanes) + lane] = Mix(start + unchecked(4 * Golden));
        }
    }

    /// <summary>
    /// 1 when the lattice cell of the 64-bit output r lies inside the circle, else 0. The coordinates are the top 31
    /// bits and bits 2..32 of r; the cell's centre (x+½, y+½)·2^-31 is inside when x(x+1) + y(y+1) &lt; 2^62, an exact
    /// integer test (the sum is below 2^63).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Inside(ulong r)
    {
        var x = r >> 33;
        var y = (r >> 2) & 0x7FFF_FFFF;
        var v = (x * (x + 1)) + (y * (y + 1));
        return (long)((v - RadiusSquared) >> 63);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
