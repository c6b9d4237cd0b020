using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pi.Orleans.Core.Sampling;

/// <summary>
/// Counts the sampled points inside the quarter circle for a run of whole blocks. Plain code with no Orleans types:
/// the grains call it, and every <see cref="SamplerKernel"/> gives the same counts, bit for bit.
/// </summary>
public static class PiSampler
{
    private const int PairSize = 2 * PointStreams.BlockSize;

    /// <summary>The kernel used by the overloads that take none: the widest the CPU has.</summary>
    public const SamplerKernel DefaultKernel = SamplerKernel.Auto;

    /// <summary>Counts the inside points among <paramref name="points"/> points that start at block <paramref name="firstBlock"/>.</summary>
    public static long CountInside(ulong seed, long firstBlock, long points, CancellationToken cancellationToken = default) =>
        CountInside(seed, firstBlock, points, DefaultKernel, cancellationToken);

    /// <summary>Counts the inside points among <paramref name="points"/> points that start at block <paramref name="firstBlock"/>, with the given kernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long CountInside(ulong seed, long firstBlock, long points, SamplerKernel kernel, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstBlock);
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        var used = Resolve(kernel);
        long inside = 0;
        var block = firstBlock;
        var left = points;
        for (; left >= PairSize; left -= PairSize, block += 2)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inside += used switch
            {
                SamplerKernel.Vector512 => Vector512Kernel.CountBlockPair(seed, block),
                SamplerKernel.Vector256 => Vector256Kernel.CountBlockPair(seed, block),
                _ => ScalarKernel.CountBlockPair(seed, block),
            };
        }

        for (; left > 0; left -= PointStreams.BlockSize, block++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inside += CountBlock(used, seed, block, (int)Math.Min(left, PointStreams.BlockSize));
        }

        return inside;
    }

    /// <summary>Counts the inside points among the first <paramref name="points"/> points of one block, with <see cref="DefaultKernel"/>.</summary>
    public static long CountBlock(ulong seed, long block, int points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(points, PointStreams.BlockSize);
        return CountBlock(Resolve(DefaultKernel), seed, block, points);
    }

    /// <summary>The kernel that runs for <paramref name="requested"/>; throws <see cref="PlatformNotSupportedException"/> when the CPU cannot run a forced kernel.</summary>
    public static SamplerKernel Resolve(SamplerKernel requested) =>
        Resolve(requested, Vector256Kernel.IsSupported, Vector512Kernel.IsSupported);

    internal static SamplerKernel Resolve(SamplerKernel requested, bool vector256, bool vector512) => requested switch
    {
        SamplerKernel.Auto when vector512 => SamplerKernel.Vector512,
        SamplerKernel.Auto when vector256 => SamplerKernel.Vector256,
        SamplerKernel.Auto or SamplerKernel.Scalar => SamplerKernel.Scalar,
        SamplerKernel.Vector256 when vector256 => SamplerKernel.Vector256,
        SamplerKernel.Vector512 when vector512 => SamplerKernel.Vector512,
        SamplerKernel.Vector256 => throw Unsupported(requested, nameof(Vector256)),
        SamplerKernel.Vector512 => throw Unsupported(requested, nameof(Vector512)),
        _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "Unknown sampler kernel."),
    };

    private static long CountBlock(SamplerKernel used, ulong seed, long block, int points) => used switch
    {
        SamplerKernel.Vector512 => Vector512Kernel.CountBlock(seed, block, points),
        SamplerKernel.Vector256 => Vector256Kernel.CountBlock(seed, block, points),
        _ => ScalarKernel.CountBlock(seed, block, points),
    };

    private static PlatformNotSupportedException Unsupported(SamplerKernel requested, string vector) =>
        new($"The {requested} sampler kernel needs {vector} hardware acceleration, which this CPU or runtime does not provide "
            + $"({vector}.IsHardwareAccelerated is false). Use {nameof(SamplerKernel)}.{nameof(SamplerKernel.Auto)} or a narrower kernel.");
}
