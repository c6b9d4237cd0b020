using Pi.Orleans.Core.Precision;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Grains.Tests.Precision;

public sealed class PrecisionCoverageTests
{
    private const double Target = 0.01;
    private const int Runs = 200;

    // A fixed seed list, so the count below is the same on every run and every machine.
    private static readonly ulong[] Seeds = [.. Enumerable.Range(1, Runs).Select(i => (ulong)i * 0x9E37_79B9_7F4A_7C15)];

    [Fact]
    public void APrecisionRequestsResultIsWithinItsTargetInAtLeast95PercentOf200SeededRuns()
    {
        var points = (long)PrecisionPlan.Points(Target);
        var estimates = Seeds.Select(seed => PiEstimate.From(PiSampler.CountInside(seed, 0, points, TestContext.Current.CancellationToken), points)!).ToList();

        var within = estimates.Count(e => Math.Abs(e.Pi - Math.PI) <= Target);
        TestContext.Current.TestOutputHelper?.WriteLine($"{within} of {Runs} runs of {points} points within {Target} of π");
        Assert.True(within >= 0.95 * Runs, $"{within} of {Runs} runs of {points} points were within {Target} of π");
        Assert.All(estimates, e => Assert.True(PiEstimate.Z95 * e.StandardError <= Target, $"achieved half-width {PiEstimate.Z95 * e.StandardError}"));
    }
}
