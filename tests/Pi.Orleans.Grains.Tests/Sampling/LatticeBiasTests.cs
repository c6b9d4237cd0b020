using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Grains.Tests.Sampling;

public sealed class LatticeBiasTests
{
    // π to 28 digits; decimal keeps the 62-bit count exact.
    private const decimal Pi = 3.1415926535897932384626433833m;

    [Fact]
    public void TheExactLatticeBiasIsBelowOnePercentOfTheStandardErrorAtTheLargestPossiblePointCount()
    {
        var inside = CountInsideCells();
        var bias = Math.Abs((double)((4m * inside / (decimal)PointStreams.RadiusSquared) - Pi));

        // The largest count any configuration can accept is long.MaxValue, so the bound covers every limit.
        var p = Math.PI / 4;
        var standardError = 4 * Math.Sqrt(p * (1 - p) / long.MaxValue);
        Assert.True(bias < 0.01 * standardError, $"bias {bias:E3} vs 1% of the standard error {0.01 * standardError:E3}");
        Assert.True(bias < 1e-13, $"documented bias is about 1.02e-14, got {bias:E3}");
    }

    // Counts every cell (x, y) of the 2^31 × 2^31 lattice whose centre is inside: for each x the largest y with
    // y(y+1) ≤ 2^62 − 1 − x(x+1), the same integer test as PointStreams.Inside.
    private static long CountInsideCells()
    {
        const ulong side = 1UL << 31;
        long total = 0;
        Parallel.For(0, Environment.ProcessorCount, () => 0L, (part, _, local) =>
        {
            for (var x = (ulong)part; x < side; x += (ulong)Environment.ProcessorCount)
            {
                var room = PointStreams.RadiusSquared - 1 - (x * (x + 1));
                var y = (ulong)((Math.Sqrt((4.0 * room) + 1) - 1) / 2);
                while (y > 0 && y * (y + 1) > room)
                {
                    y--;
                }

                while ((y + 1) * (y + 2) <= room)
                {
                    y++;
                }

                local += (long)Math.Min(y, side - 1) + 1;
            }

            return local;
        }, local => Interlocked.Add(ref total, local));
        return total;
    }
}
