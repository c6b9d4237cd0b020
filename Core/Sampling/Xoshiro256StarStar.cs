using System.Numerics;
using System.Runtime.CompilerServices;

namespace Pi.Orleans.Core.Sampling;

/// <summary>The xoshiro256** generator (Blackman and Vigna), one 64-bit output per call.</summary>
public struct Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
{
    private ulong _s0 = s0;
    private ulong _s1 = s1;
    private ulong _s2 = s2;
    private ulong _s3 = s3;

    /// <summary>The next output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }
}
