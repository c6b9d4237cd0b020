using Pi.Orleans.Cli.Rendering;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Cli.Tests;

public sealed class ProgressBarTests
{
    [Theory]
    [InlineData(0.2, "1 s")]
    [InlineData(42.0, "42 s")]
    [InlineData(75.0, "1 min 15 s")]
    [InlineData(119.5, "2 min 0 s")]
    [InlineData(7_800.0, "2 h 10 min")]
    [InlineData(1_047_600.0, "12 d 3 h")]
    [InlineData(null, "unknown")]
    public void TheEtaReadsInUnitsAPersonUses(double? seconds, string expected) => Assert.Equal(expected, Format.Eta(seconds));

    [Fact]
    public void ARunningCalculationsBarShowsItsEta()
    {
        var text = CalculationWatcher.Describe(Update("running", 75));

        Assert.Contains("ETA 1 min 15 s", text);
    }

    [Fact]
    public void ABarWithoutAMeasuredRateSaysTheEtaIsUnknown() =>
        Assert.Contains("ETA unknown", CalculationWatcher.Describe(Update("running", null)));

    [Fact]
    public void AFinishedCalculationsBarShowsNoEta() =>
        Assert.DoesNotContain("ETA", CalculationWatcher.Describe(Update("completed", 0)));

    private static ProgressUpdate Update(string status, double? eta) => new()
    {
        Id = Guid.NewGuid(),
        Status = status,
        ChunksDone = 3,
        ChunksTotal = 10,
        PointsDone = 3_000,
        Progress = 0.3,
        Estimate = 3.14,
        StandardError = 0.01,
        SilosWorking = ["worker-a"],
        SilosUsed = ["worker-a"],
        EtaS = eta,
    };
}
