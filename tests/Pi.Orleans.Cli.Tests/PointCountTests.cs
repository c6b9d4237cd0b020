using Pi.Orleans.Harness.CommandLine;

namespace Pi.Orleans.Cli.Tests;

public sealed class PointCountTests
{
    [Theory]
    [InlineData("1e10", 10_000_000_000)]
    [InlineData("2.5e9", 2_500_000_000)]
    [InlineData("2E10", 20_000_000_000)]
    [InlineData("20000000000", 20_000_000_000)]
    [InlineData("20_000_000_000", 20_000_000_000)]
    [InlineData("1.5e1", 15)]
    [InlineData("150e-1", 15)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("1e18", 1_000_000_000_000_000_000)]
    public void ParsesExactly(string text, long expected)
    {
        Assert.True(PointCount.TryParse(text, out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("15e-2")]
    [InlineData("0")]
    [InlineData("-1e3")]
    [InlineData("1e19")]
    [InlineData("ten")]
    [InlineData("1e")]
    [InlineData("")]
    public void RejectsWhatIsNotAPositiveWholeNumber(string text)
    {
        Assert.False(PointCount.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData(20_000_000_000, "2e10")]
    [InlineData(2_500_000_000, "2.5e9")]
    [InlineData(1000, "1,000")]
    public void FormatsShortly(long points, string expected) => Assert.Equal(expected, PointCount.Format(points));
}
