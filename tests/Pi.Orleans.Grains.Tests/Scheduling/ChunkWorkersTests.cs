using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Core.Scheduling;

namespace Pi.Orleans.Grains.Tests.Scheduling;

public sealed class ChunkWorkersTests
{
    [Fact]
    public void TheSameReadingGivesTheSameListOfChunkRunningSilosAndANewReadingANewOne()
    {
        IReadOnlyList<SiloSlots> reading = [Silo("front", runsChunks: false), Silo("a", runsChunks: true)];
        var workers = new ChunkWorkers();

        var first = workers.Of(reading);
        var again = workers.Of(reading);
        var next = workers.Of([.. reading, Silo("b", runsChunks: true)]);

        Assert.Same(first, again);
        Assert.Equal(["a"], first.Select(s => s.Silo));
        Assert.Equal(["a", "b"], next.Select(s => s.Silo));
    }

    private static SiloSlots Silo(string address, bool runsChunks) => new(address, 2, 0, 0, runsChunks, 0, 0, address);
}
