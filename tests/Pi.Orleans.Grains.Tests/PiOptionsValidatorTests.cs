namespace Pi.Orleans.Grains.Tests;

public sealed class PiOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.True(Validate(new PiOptions()).Succeeded);

    [Fact]
    public void TenToTheSixteenPointsWithTheDefaultChunksAreAccepted() =>
        Assert.True(Validate(new PiOptions { MaxTotalPoints = 10_000_000_000_000_000 }).Succeeded);

    [Fact]
    public void AChunkTimeoutPastOrleansResponseTimeoutIsRefused() =>
        Assert.Contains("Pi:ChunkTimeout", Failure(new PiOptions { ChunkTimeout = TimeSpan.FromSeconds(40) }), StringComparison.Ordinal);

    [Fact]
    public void AChunkDurationWhoseTimeoutCouldNotEndInTimeIsRefused() =>
        Assert.Contains("Pi:ChunkDuration", Failure(new PiOptions { ChunkDuration = TimeSpan.FromSeconds(10) }), StringComparison.Ordinal);

    // The configuration of the issue: 10^15 points in at most 4,096 chunks made chunks of 70 s that timed out on every attempt.
    [Fact]
    public void AMaxTotalPointsThatWouldNeedChunksLargerThanChunkPointsIsRefusedNamingAllThreeKeys()
    {
        var failure = Failure(new PiOptions { MaxTotalPoints = 1_000_000_000_000_000, MaxChunks = 4096 });

        Assert.Contains("Pi:MaxTotalPoints", failure, StringComparison.Ordinal);
        Assert.Contains("Pi:MaxChunks", failure, StringComparison.Ordinal);
        Assert.Contains("Pi:ChunkPoints", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFailureIsReportedAtOnce()
    {
        var result = Validate(new PiOptions { ChunkTimeout = TimeSpan.FromMinutes(1), ChunkDuration = TimeSpan.FromMinutes(1), MaxChunks = 1 });

        Assert.Equal(3, result.Failures!.Count());
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(PiOptions options) => new PiOptionsValidator().Validate(null, options);

    private static string Failure(PiOptions options) => Validate(options).FailureMessage ?? "";
}
