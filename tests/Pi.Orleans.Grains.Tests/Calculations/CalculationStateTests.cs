using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Grains.Tests.Calculations;

public sealed class CalculationStateTests
{
    private const int TenMillion = 10_000_000;

    [Fact]
    public void ARetriedChunkIsNeverCountedTwice()
    {
        var state = new CalculationState();

        Assert.True(state.Record(0, new ChunkResult(70, 100, "worker-a", 1, 0)));
        Assert.True(state.Record(1, new ChunkResult(80, 100, "worker-b", 1, 0)));
        Assert.False(state.Record(0, new ChunkResult(70, 100, "worker-b", 1, 0)));

        Assert.Equal((150L, 200L), state.Counts());
        Assert.Equal(2, state.ChunksDone());
        Assert.Equal(["worker-a", "worker-b"], state.Silos);
    }

    [Fact]
    public void AStateReadBackFromStorageKeepsItsCountsAndStillRefusesADuplicate()
    {
        var state = new CalculationState();
        state.Record(0, new ChunkResult(70, 100, "worker-a", 1, 0));
        state.Record(2, new ChunkResult(80, 100, "worker-b", 1, 0));

        var binary = Serializer().Deserialize<CalculationState>(Serializer().SerializeToArray(state));
        var json = Json().Deserialize<CalculationState>(Json().Serialize(state)) ?? throw new InvalidOperationException("no state read back");

        foreach (var copy in new CalculationState[] { binary!, json })
        {
            Assert.False(copy.Record(2, new ChunkResult(80, 100, "worker-c", 1, 0)));
            Assert.True(copy.Record(1, new ChunkResult(60, 100, "worker-a", 1, 0)));
            Assert.Equal((210L, 300L, 3), (copy.Inside, copy.PointsDone, copy.ChunksDone()));
            Assert.Equal(["worker-a", "worker-b"], copy.Silos);
        }
    }

    [Fact]
    public void AStateWrittenWithOneEntryPerChunkKeepsItsCountsAndResumesWithOnlyItsUnfinishedChunks()
    {
        var old = new CalculationState
        {
            Silos = ["worker-a", "worker-b"],
            Chunks = new() { [0] = new ChunkEntry(70, 100, 0), [2] = new ChunkEntry(80, 100, 1) },
        };

        var read = Json().Deserialize<CalculationState>(Json().Serialize(old)) ?? throw new InvalidOperationException("no state read back");
        read.FoldOldChunks();

        Assert.Null(read.Chunks);
        Assert.Equal((150L, 200L, 2), (read.Inside, read.PointsDone, read.ChunksDone()));
        Assert.False(read.Record(2, new ChunkResult(80, 100, "worker-a", 1, 0)));
        Assert.True(read.Record(1, new ChunkResult(60, 100, "worker-a", 1, 0)));
        Assert.Equal(["worker-a", "worker-b"], read.Silos);
    }

    // Ten million chunks done in order but for 16,000 in flight (1,000 silos × 8 slots × 2) near the end: the state is
    // bounded by the chunks in flight, far under a bitmap's chunks / 8 bytes, in both storage formats.
    [Fact]
    public void AStateOfTenMillionChunksStaysSmallerThanABitmapOfThem()
    {
        const int inFlight = 16_000;
        var state = new CalculationState { Request = new CalculationRequest(1L << 50, CalculationMode.Distributed, 1, SeedChosenByService: false), ChunksTotal = TenMillion };
        var holes = new HashSet<int>(Enumerable.Range(0, inFlight).Select(i => TenMillion - 1 - (i * 5)));
        for (var index = 0; index < TenMillion; index++)
        {
            if (!holes.Contains(index))
            {
                state.Record(index, new ChunkResult(3, 4, $"silo-{index % 1000}", 1, 0));
            }
        }

        var midRun = (Binary: Serializer().SerializeToArray(state).Length, Json: Json().Serialize(state).ToArray().Length);
        foreach (var hole in holes)
        {
            state.Record(hole, new ChunkResult(3, 4, "silo-0", 1, 0));
        }

        var finished = (Binary: Serializer().SerializeToArray(state).Length, Json: Json().Serialize(state).ToArray().Length);

        Assert.Equal((3L * TenMillion, 4L * TenMillion, TenMillion), (state.Inside, state.PointsDone, state.ChunksDone()));
        Assert.True(midRun.Binary <= TenMillion / 8 && midRun.Json <= TenMillion / 8, $"mid-run state: {midRun}");
        Assert.True(finished.Binary <= 32 * 1024 && finished.Json <= 32 * 1024, $"finished state: {finished}");
        Assert.Empty(state.Done.Ranges);
    }

    private static Serializer Serializer() => Services().GetRequiredService<Serializer>();

    private static JsonGrainStorageSerializer Json() =>
        new(new OrleansJsonSerializer(Options.Create(new OrleansJsonSerializerOptions())));

    private static ServiceProvider Services() =>
        new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(CalculationState).Assembly)).BuildServiceProvider();
}
