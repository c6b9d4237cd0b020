using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Grains.Tests.Calculations;

public sealed class CalculationStateTests
{
    [Fact]
    public void ARetriedChunkReplacesItsCountsAndIsNeverCountedTwice()
    {
        var state = new CalculationState();

        state.Record(0, new ChunkResult(70, 100, "worker-a", 1, 0));
        state.Record(1, new ChunkResult(80, 100, "worker-b", 1, 0));
        state.Record(0, new ChunkResult(75, 100, "worker-b", 1, 0));

        Assert.Equal((155L, 200L), state.Counts());
        Assert.Equal(["worker-a", "worker-b"], state.Silos);
        Assert.Equal(new ChunkEntry(75, 100, Silo: 1), state.Chunks[0]);
    }
}
