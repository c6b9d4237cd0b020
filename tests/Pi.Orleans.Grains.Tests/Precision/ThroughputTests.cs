using Pi.Orleans.Core.Precision;

namespace Pi.Orleans.Grains.Tests.Precision;

public sealed class ThroughputTests
{
    private static readonly Throughput Measured = new(PointsPerSecondPerSlot: 1e8, Slots: 8, SlotsPerWorker: 4);

    [Fact]
    public void TheDurationIsThePointsOverTheRateOfEverySlot() =>
        Assert.Equal(4.0, Measured.SecondsFor(3_200_000_000));

    [Fact]
    public void SingleModeRunsOnOneSlotAtATime() =>
        Assert.Equal(32.0, Measured.SecondsFor(3_200_000_000, oneSlot: true));

    [Theory]
    [InlineData(0, 8)]
    [InlineData(1e8, 0)]
    public void WithoutARateOrASlotTheDurationIsUnknown(double rate, int slots) =>
        Assert.Null(new Throughput(rate, slots, 4).SecondsFor(1_000));

    [Theory]
    [InlineData(4_000_000_000, 10.0, 1)]
    [InlineData(4_000_000_001, 10.0, 2)]
    [InlineData(40_000_000_000, 10.0, 10)]
    [InlineData(1_000, 1e9, 1)]
    public void TheWorkersForADeadlineAreRoundedUpAndAtLeastOne(long points, double deadline, int workers) =>
        Assert.Equal(workers, Measured.WorkersFor(points, deadline));

    [Fact]
    public void WithoutARateNoWorkerCountIsGiven() => Assert.Null(new Throughput(0, 8, 4).WorkersFor(1_000, 10));

    [Fact]
    public void TheEtaOfARunningCalculationIsItsRemainingPointsAtTheRate() =>
        Assert.Equal(2.5, Measured.EtaSeconds(CalculationStatus.Running.IsActive(), oneSlot: false, 3_000_000_000, 1_000_000_000));

    [Theory]
    [InlineData(CalculationStatus.Completed)]
    [InlineData(CalculationStatus.Failed)]
    [InlineData(CalculationStatus.Cancelled)]
    public void AFinishedCalculationHasNothingLeft(CalculationStatus status) =>
        Assert.Equal(0, new Throughput(0, 0, 1).EtaSeconds(status.IsActive(), oneSlot: false, 3_000, 1_000));

    [Fact]
    public void ARunningCalculationWithoutAMeasuredRateHasAnUnknownEta() =>
        Assert.Null(new Throughput(0, 8, 4).EtaSeconds(CalculationStatus.Pending.IsActive(), oneSlot: false, 3_000, 0));
}
