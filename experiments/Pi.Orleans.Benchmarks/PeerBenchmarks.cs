using BenchmarkDotNet.Attributes;

namespace Pi.Orleans.Benchmarks;

/// <summary>
/// The naive C# Monte Carlo loop the kernels are compared with: two <see cref="Random.Shared"/> doubles per point and a
/// floating-point test. One operation is one point, as in <see cref="KernelBenchmarks"/>.
/// </summary>
// Not sealed: BenchmarkDotNet runs a generated class derived from this one.
[Config(typeof(PointsPerSecondConfig))]
public class PeerBenchmarks
{
    private const int Points = 1 << 22;

    [Benchmark(OperationsPerInvoke = Points)]
    public long RandomShared()
    {
        long inside = 0;
        for (var i = 0; i < Points; i++)
        {
            var x = Random.Shared.NextDouble();
            var y = Random.Shared.NextDouble();
            if ((x * x) + (y * y) <= 1)
            {
                inside++;
            }
        }

        return inside;
    }
}
