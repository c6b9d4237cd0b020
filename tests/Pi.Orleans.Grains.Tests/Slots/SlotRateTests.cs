using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Grains.Tests.Slots;

public sealed class SlotRateTests
{
    private readonly SlotRate _rate = new(new PiOptions().Kernel);

    [Fact]
    public void ASiloThatHasComputedNothingKnowsNoRate()
    {
        Assert.Equal(0, _rate.PointsPerSecond);
    }

    [Fact]
    public void TheRateIsThePointsOverTheComputeTimeOfTheRecentChunks()
    {
        _rate.Add(3_000_000, TimeSpan.FromSeconds(1));
        _rate.Add(1_200_000, TimeSpan.FromSeconds(1));

        Assert.Equal(2_100_000, _rate.PointsPerSecond, precision: 6);
    }

    [Fact]
    public void OnlyTheLast64ChunksCount()
    {
        _rate.Add(1_000_000_000, TimeSpan.FromSeconds(1));
        for (var i = 0; i < 64; i++)
        {
            _rate.Add(2_000_000, TimeSpan.FromSeconds(1));
        }

        Assert.Equal(2_000_000, _rate.PointsPerSecond, precision: 6);
    }

    [Fact]
    public void TheCalibrationGivesARateUntilTheFirstChunkIsMeasured()
    {
        _rate.Calibrate();
        var calibrated = _rate.PointsPerSecond;
        _rate.Add(2_000_000, TimeSpan.FromSeconds(1));

        Assert.True(calibrated > 10_000_000, $"calibrated {calibrated} points/s");
        Assert.Equal(2_000_000, _rate.PointsPerSecond, precision: 6);
    }

    // A thousand tiny calculations (their fixed costs dwarf their sampling) once made the cluster look 1,000× slower than it is.
    [Fact]
    public void ChunksUnderSixteenBlocksDoNotCount()
    {
        _rate.Add(2_000_000, TimeSpan.FromSeconds(1));
        for (var i = 0; i < 64; i++)
        {
            _rate.Add(1_000, TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(2_000_000, _rate.PointsPerSecond, precision: 6);
    }
}
