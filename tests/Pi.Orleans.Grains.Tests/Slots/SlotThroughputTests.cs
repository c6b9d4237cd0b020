using Pi.Orleans.Core.Estimates;
namespace Pi.Orleans.Grains.Tests.Slots;

public sealed class SlotThroughputTests
{
    private static SiloSlots Silo(int slots, double rate, bool runsChunks = true) =>
        new($"S{slots}-{rate}", slots, 0, 0, runsChunks, 0, 0, "silo", rate);

    [Fact]
    public void TheSlotRateIsWeightedByEachSilosSlots()
    {
        SiloSlots[] silos = [Silo(4, 1_000), Silo(2, 4_000)];

        Assert.Equal(2_000, silos.PointsPerSecondPerSlot(), precision: 6);
        Assert.Equal(12_000, silos.PointsPerSecond(), precision: 6);
    }

    [Fact]
    public void SilosThatRunNoChunksOrKnowNoRateDoNotCount()
    {
        SiloSlots[] silos = [Silo(4, 1_000), Silo(8, 0), Silo(16, 9_000, runsChunks: false)];

        Assert.Equal(1_000, silos.PointsPerSecondPerSlot(), precision: 6);
        Assert.Equal(4_000, silos.PointsPerSecond(), precision: 6);
    }

    [Fact]
    public void AClusterWithNoMeasuredSlotHasNoRate()
    {
        Assert.Equal(0, Array.Empty<SiloSlots>().PointsPerSecondPerSlot());
        Assert.Equal(0, new[] { Silo(4, 0) }.PointsPerSecond());
    }
}
