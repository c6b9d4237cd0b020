using BenchmarkDotNet.Attributes;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Benchmarks;

/// <summary>
/// The three sampler kernels on the same 4,194,304 points (64 blocks). One operation is one point, so the Op/s
/// column reads as points per second on one core.
/// </summary>
// Not sealed: BenchmarkDotNet runs a generated class derived from this one.
[Config(typeof(PointsPerSecondConfig))]
public class KernelBenchmarks
{
    private const int Points = 64 * PointStreams.BlockSize;
    private const ulong Seed = 2024;
    private const long FirstBlock = 152_587_850;

    [Benchmark(Baseline = true, OperationsPerInvoke = Points)]
    public long Scalar() => PiSampler.CountInside(Seed, FirstBlock, Points, SamplerKernel.Scalar);

    [Benchmark(OperationsPerInvoke = Points)]
    public long Vector256() => PiSampler.CountInside(Seed, FirstBlock, Points, SamplerKernel.Vector256);

    [Benchmark(OperationsPerInvoke = Points)]
    public long Vector512() => PiSampler.CountInside(Seed, FirstBlock, Points, SamplerKernel.Vector512);
}
