using Pi.Orleans.Core.Precision;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Grains.Tests.Precision;

public sealed class PrecisionPlanTests
{
    private const int BlockSize = PointStreams.BlockSize;

    // (target, n before rounding, planned points): n = (4·1.959963984540054·√(p(1−p)) / target)² with p = π/4, computed apart in Python.
    public static TheoryData<double, double, long> Targets => new()
    {
        { 1e-2, 103_595.16357315225, 2 * BlockSize },
        { 1e-3, 10_359_516.357315226, 159L * BlockSize },
        { 1e-4, 1_035_951_635.7315226, 15_808L * BlockSize },
        { 1e-5, 103_595_163_573.15225, 1_580_737L * BlockSize },
        { 1e-7, 1_035_951_635_731_522.8, 15_807_367_489L * BlockSize },
    };

    [Fact]
    public void ThePlansQuantileIsTheEstimatesQuantile() => Assert.Equal(PiEstimate.Z95, PrecisionPlan.Z95);

    [Theory]
    [MemberData(nameof(Targets))]
    public void ThePointsFollowTheStandardErrorFormulaAtSeveralTargets(double target, double exact, long planned)
    {
        Assert.Equal(exact, PrecisionPlan.ExactPoints(target), exact * 1e-12);
        Assert.Equal(planned, PrecisionPlan.Points(target));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void ThePlanIsTheSmallestWholeNumberOfBlocksThatMeetsTheTarget(double target, double exact, long planned)
    {
        _ = exact;
        Assert.Equal(0, planned % BlockSize);
        Assert.True(PrecisionPlan.HalfWidth(planned) <= target, $"{planned} points give {PrecisionPlan.HalfWidth(planned)} > {target}");
        Assert.True(PrecisionPlan.HalfWidth(planned - BlockSize) > target, $"one block fewer would still meet {target}");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(1e300)]
    public void ALooseTargetStillSamplesOneWholeBlock(double target) => Assert.Equal(BlockSize, PrecisionPlan.Points(target));

    [Fact]
    public void AnExactBlockMultipleIsNotRoundedUpAgain()
    {
        // The target whose exact point count is 100 blocks plans exactly those 100 blocks, give or take the last bit of the division.
        var target = PrecisionPlan.HalfWidth(100.0 * BlockSize) * (1 + 1e-12);
        Assert.Equal(100L * BlockSize, PrecisionPlan.Points(target));
    }

    [Fact]
    public void ATargetBeyondTheRangeOfLongStillReportsItsPointCount() =>
        Assert.True(PrecisionPlan.Points(1e-12) > long.MaxValue);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-7)]
    public void AZeroOrNegativeTargetIsRefused(double target) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PrecisionPlan.Points(target));
}
