using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Grains.Tests.Sampling;

public sealed class SamplerTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(42UL)]
    [InlineData(123_456_789UL)]
    [InlineData(ulong.MaxValue)]
    public void EstimateIsWithinFiveStandardErrorsOfPi(ulong seed)
    {
        const long points = 4_000_000;

        var estimate = PiEstimate.From(PiSampler.CountInside(seed, 0, points), points)!;

        Assert.InRange(estimate.Pi, Math.PI - (5 * estimate.StandardError), Math.PI + (5 * estimate.StandardError));
    }

    [Theory]
    [InlineData(1L << 16)]
    [InlineData(3L << 17)]
    [InlineData(1L << 20)]
    [InlineData(1L << 30)]
    public void CountsAreIdenticalHoweverTheWorkIsChunked(long chunkPoints)
    {
        const ulong seed = 2024;
        const long points = 5_000_003;
        var whole = PiSampler.CountInside(seed, 0, points);

        var plan = ChunkPlan.Create(points, chunkPoints, maxChunks: 4096);
        var chunked = Enumerable.Range(0, plan.ChunkCount)
            .Select(i => plan.Work(seed, i))
            .Sum(w => PiSampler.CountInside(w.Seed, w.FirstBlock, w.Points));

        Assert.Equal(whole, chunked);
    }

    [Fact]
    public void AChunkInsideABlockCountsOnlyItsOwnPointsInLaneOrder()
    {
        const ulong seed = 77;
        const long block = 12_345;
        var lanes = Enumerable.Range(0, PointStreams.Lanes).Select(l => PointStreams.Lane(seed, block, l)).ToArray();

        for (var points = 0; points < 200; points++)
        {
            var lane = points % PointStreams.Lanes;
            var expectedStep = PointStreams.Inside(lanes[lane].Next());
            Assert.Equal(expectedStep, PiSampler.CountBlock(seed, block, points + 1) - PiSampler.CountBlock(seed, block, points));
        }
    }

    [Fact]
    public void DifferentSeedsGiveDifferentStreams()
    {
        var counts = Enumerable.Range(0, 20).Select(s => PiSampler.CountInside((ulong)s, 0, 1 << 16)).Distinct().Count();

        Assert.True(counts > 15, $"only {counts} distinct counts for 20 seeds");
    }

    [Fact]
    public void TheInsideTestIsExactAtTheLatticeEdges()
    {
        const ulong max = (1UL << 31) - 1;

        Assert.Equal(1, PointStreams.Inside(Point(0, 0)));
        Assert.Equal(1, PointStreams.Inside(Point(max, 0)));
        Assert.Equal(1, PointStreams.Inside(Point(0, max)));
        Assert.Equal(0, PointStreams.Inside(Point(max, max)));
        Assert.Equal(0, PointStreams.Inside(ulong.MaxValue));

        // (x+½)² + (y+½)² against 2^62 for cells right at the circle, checked with 128-bit arithmetic.
        foreach (var x in new ulong[] { 1, 1000, 1UL << 20, 1_518_500_249, (1UL << 31) - 2 })
        {
            var y = LargestInsideY(x);
            Assert.Equal(1, PointStreams.Inside(Point(x, y)));
            if (y < max)
            {
                Assert.Equal(0, PointStreams.Inside(Point(x, y + 1)));
            }
        }
    }

    [Fact]
    public void ATenToTheThirteenPointPlanCoversEveryPointOnceWithoutOverflow()
    {
        const long points = 10_000_000_000_000;

        var plan = ChunkPlan.Create(points, 1L << 29, maxChunks: 4096);
        var works = Enumerable.Range(0, plan.ChunkCount).Select(i => plan.Work(7, i)).ToList();

        Assert.InRange(plan.ChunkCount, 1, 4096);
        Assert.Equal(points, works.Sum(w => w.Points));
        Assert.All(works.Skip(1).Zip(works), p => Assert.Equal(p.Second.FirstBlock + plan.BlocksPerChunk, p.First.FirstBlock));
        var last = works[^1];
        Assert.Equal(points, (last.FirstBlock * PointStreams.BlockSize) + last.Points);

        // The very last block of a 10^13 calculation samples without overflow, and its lanes are distinct streams.
        var lastBlock = (points - 1) / PointStreams.BlockSize;
        var lastCount = PiSampler.CountInside(7, lastBlock, points - (lastBlock * PointStreams.BlockSize));
        Assert.InRange(lastCount, 0, PointStreams.BlockSize);
        Assert.NotEqual(PointStreams.Lane(7, lastBlock, 0).Next(), PointStreams.Lane(7, lastBlock, 1).Next());
    }

    private static ulong Point(ulong x, ulong y) => (x << 33) | (y << 2);

    private static ulong LargestInsideY(ulong x)
    {
        // The largest y with (2x+1)² + (2y+1)² < 2^64, i.e. the cell centre strictly inside the circle of radius 2^31.
        var limit = (UInt128)1 << 64;
        var sx = (UInt128)((2 * x) + 1) * ((2 * x) + 1);
        var y = (ulong)((Math.Sqrt((double)(limit - sx)) - 1) / 2);
        while (y > 0 && sx + ((UInt128)((2 * y) + 1) * ((2 * y) + 1)) >= limit)
        {
            y--;
        }

        while (sx + ((UInt128)((2 * y) + 3) * ((2 * y) + 3)) < limit)
        {
            y++;
        }

        return y;
    }
}
