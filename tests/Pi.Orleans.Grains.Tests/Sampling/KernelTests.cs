using System.Runtime.Intrinsics;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Grains.Tests.Sampling;

public sealed class KernelTests
{
    private const int BlockSize = PointStreams.BlockSize;
    private const int Lanes = PointStreams.Lanes;

    // Block 152_587_890 holds point 10^13; long.MaxValue - 2 runs a pair and a single block up to the last index.
    private static readonly (long FirstBlock, long Points)[] Runs =
    [
        (0, 0), (0, 1), (0, 7), (0, 8), (0, 9), (3, 13), (5, 1_000), (12_345, BlockSize - 1), (0, BlockSize),
        (1, BlockSize + 1), (2, (2 * BlockSize) - 3), (7, 2 * BlockSize), (9, (3 * BlockSize) + 12_345),
        (40, 5 * BlockSize), (152_587_889, (2 * BlockSize) + 1_234), (152_587_890, 40_961), (1L << 40, BlockSize + 5),
        (long.MaxValue / Lanes, 3 * BlockSize), (long.MaxValue - 2, 3 * BlockSize),
    ];

    private static readonly ulong[] Seeds = [0, 1, 42, 2024, 0x9E37_79B9_7F4A_7C15, ulong.MaxValue, .. RandomSeeds(6)];

    public static TheoryData<SamplerKernel> Kernels => [SamplerKernel.Auto, SamplerKernel.Vector256, SamplerKernel.Vector512];

    [Theory]
    [MemberData(nameof(Kernels))]
    public void EveryKernelGivesTheScalarCountForTheSameSeeds(SamplerKernel kernel)
    {
        SkipUnlessSupported(kernel);
        foreach (var seed in Seeds)
        {
            foreach (var (firstBlock, points) in Runs)
            {
                var expected = PiSampler.CountInside(seed, firstBlock, points, SamplerKernel.Scalar);
                var actual = PiSampler.CountInside(seed, firstBlock, points, kernel, TestContext.Current.CancellationToken);
                Assert.Equal((seed, firstBlock, points, expected), (seed, firstBlock, points, actual));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void EveryKernelCountsEachPrefixOfABlockLikeTheScalarKernel(SamplerKernel kernel)
    {
        SkipUnlessSupported(kernel);
        const ulong seed = 77;
        const long block = 152_587_890;
        int[] tail = [BlockSize - 9, BlockSize - 8, BlockSize - 1, BlockSize];
        foreach (var points in Enumerable.Range(0, 260).Concat(tail))
        {
            var expected = PiSampler.CountInside(seed, block, points, SamplerKernel.Scalar);
            Assert.Equal((points, expected), (points, PiSampler.CountInside(seed, block, points, kernel)));
        }
    }

    [Fact]
    public void BlockStateHoldsTheWordsOfEveryLane()
    {
        Span<ulong> words = stackalloc ulong[PointStreams.StateWords * Lanes];
        PointStreams.BlockState(2024, 152_587_890, words);

        for (var lane = 0; lane < Lanes; lane++)
        {
            var expected = PointStreams.Lane(2024, 152_587_890, lane);
            var actual = new Xoshiro256StarStar(words[lane], words[Lanes + lane], words[(2 * Lanes) + lane], words[(3 * Lanes) + lane]);
            for (var step = 0; step < 16; step++)
            {
                Assert.Equal(expected.Next(), actual.Next());
            }
        }
    }

    [Fact]
    public void AutoChoosesTheWidestAcceleratedKernel()
    {
        Assert.Equal(SamplerKernel.Vector512, PiSampler.Resolve(SamplerKernel.Auto, vector256: true, vector512: true));
        Assert.Equal(SamplerKernel.Vector256, PiSampler.Resolve(SamplerKernel.Auto, vector256: true, vector512: false));
        Assert.Equal(SamplerKernel.Scalar, PiSampler.Resolve(SamplerKernel.Auto, vector256: false, vector512: false));
        var widest = Vector512.IsHardwareAccelerated ? SamplerKernel.Vector512
            : Vector256.IsHardwareAccelerated ? SamplerKernel.Vector256 : SamplerKernel.Scalar;
        Assert.Equal(widest, PiSampler.Resolve(SamplerKernel.Auto));
    }

    [Fact]
    public void ForcingAKernelTheCpuLacksThrows()
    {
        Assert.Throws<PlatformNotSupportedException>(() => PiSampler.Resolve(SamplerKernel.Vector512, vector256: true, vector512: false));
        Assert.Throws<PlatformNotSupportedException>(() => PiSampler.Resolve(SamplerKernel.Vector256, vector256: false, vector512: false));
        Assert.Equal(SamplerKernel.Scalar, PiSampler.Resolve(SamplerKernel.Scalar, vector256: false, vector512: false));
    }

    [Fact]
    public void ForcedKernelsRunExactlyWhenTheRuntimeAcceleratesThem()
    {
        (SamplerKernel Kernel, bool Supported)[] kernels =
        [
            (SamplerKernel.Scalar, true),
            (SamplerKernel.Vector256, Vector256.IsHardwareAccelerated),
            (SamplerKernel.Vector512, Vector512.IsHardwareAccelerated),
        ];
        foreach (var (kernel, supported) in kernels)
        {
            if (supported)
            {
                Assert.Equal(kernel, PiSampler.Resolve(kernel));
            }
            else
            {
                Assert.Throws<PlatformNotSupportedException>(() => PiSampler.CountInside(1, 0, BlockSize, kernel));
            }
        }
    }

    [Fact]
    public void AnUnknownKernelIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PiSampler.Resolve((SamplerKernel)42));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void ACancelledRunStopsBeforeCounting(SamplerKernel kernel)
    {
        SkipUnlessSupported(kernel);
        Assert.Throws<OperationCanceledException>(() => PiSampler.CountInside(1, 0, 4 * BlockSize, kernel, new CancellationToken(canceled: true)));
    }

    private static void SkipUnlessSupported(SamplerKernel kernel) =>
        Assert.SkipWhen(
            (kernel == SamplerKernel.Vector512 && !Vector512.IsHardwareAccelerated)
            || (kernel == SamplerKernel.Vector256 && !Vector256.IsHardwareAccelerated),
            $"This CPU does not accelerate {kernel}.");

    private static ulong[] RandomSeeds(int count)
    {
        var random = new Random(31_415);
        return [.. Enumerable.Range(0, count).Select(_ => (ulong)random.NextInt64(long.MinValue, long.MaxValue))];
    }
}
