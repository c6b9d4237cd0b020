using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Grains.Tests.Calculations;

public sealed class DoneChunksTests
{
    [Fact]
    public void AChunkAddedTwiceIsCountedOnce()
    {
        var done = new DoneChunks();

        Assert.True(done.Add(3));
        Assert.False(done.Add(3));
        Assert.True(done.Add(0));
        Assert.False(done.Add(0));

        Assert.Equal(2, done.Count);
    }

    [Fact]
    public void ChunksDoneInOrderLeaveOnlyAWatermark()
    {
        var done = new DoneChunks();

        for (var i = 0; i < 1000; i++)
        {
            done.Add(i);
        }

        Assert.Equal(1000, done.Watermark);
        Assert.Empty(done.Ranges);
        Assert.Equal(1000, done.NextUndone(0));
    }

    [Fact]
    public void GapsAboveTheWatermarkAreRangesThatMergeAsTheGapsFill()
    {
        var done = new DoneChunks();
        foreach (var index in new[] { 1, 2, 5, 7, 6 })
        {
            done.Add(index);
        }

        Assert.Equal(0, done.Watermark);
        Assert.Equal([1, 3, 5, 8], done.Ranges);
        Assert.Equal([0, 3, 3, 3, 4, 8], new[] { 0, 1, 2, 3, 4, 5 }.Select(done.NextUndone));

        done.Add(3);
        done.Add(0);
        done.Add(4);

        Assert.Equal((8, 8), (done.Watermark, done.Count));
        Assert.Empty(done.Ranges);
    }

    [Fact]
    public void InAnyOrderItAgreesWithASetOfTheDoneChunks()
    {
        var random = new Random(16);
        var done = new DoneChunks();
        var reference = new HashSet<int>();

        for (var step = 0; step < 20_000; step++)
        {
            var index = random.Next(2_000);
            Assert.Equal(reference.Add(index), done.Add(index));
            var probe = random.Next(2_100);
            Assert.Equal(reference.Contains(probe), done.Contains(probe));
            var next = probe;
            while (reference.Contains(next))
            {
                next++;
            }

            Assert.Equal(next, done.NextUndone(probe));
        }

        Assert.Equal(reference.Count, done.Count);
    }
}
