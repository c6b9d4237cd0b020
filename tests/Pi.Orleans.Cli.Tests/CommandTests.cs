using Pi.Orleans.Cli.Tests.Infrastructure;
using Pi.Orleans.Harness.CommandLine;

namespace Pi.Orleans.Cli.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class CommandTests(EmbeddedApiFixture api)
{
    [Fact]
    public async Task SubmitSingleShowsTheFinishedCalculation()
    {
        var (code, output) = await CliRun.RunAsync("--api", api.Url, "submit", "--points", "1e8", "--mode", "single", "--seed", "7");

        Assert.True(code == 0, output);
        Assert.Contains("completed", output);
        Assert.Contains("100,000,000 (1e8)", output);
        Assert.Contains("3.14", output);
    }

    [Fact]
    public async Task SubmitWatchFollowsADistributedCalculationToItsEnd()
    {
        var (code, output) = await CliRun.RunAsync("--api", api.Url, "submit", "-n", "2.5e8", "--watch", "--seed", "3");

        Assert.True(code == 0, output);
        Assert.Contains("completed", output);
        Assert.Contains("250,000,000", output);
    }

    [Fact]
    public async Task SubmitByPrecisionRunsThePlannedPointsAndSaysTheTargetWasMet()
    {
        var (code, output) = await CliRun.RunAsync("--api", api.Url, "submit", "--precision", "1e-3", "--mode", "single", "--seed", "7");

        Assert.True(code == 0, output);
        Assert.Contains("completed", output);
        Assert.Contains("10,420,224", output);
        Assert.Contains("1.0e-3", output);
        Assert.Contains("met", output);
    }

    [Theory]
    [InlineData("--points", "1e6", "--precision", "1e-3")]
    [InlineData("--mode", "single")]
    [InlineData("--precision", "0")]
    [InlineData("--precision", "-1e-3")]
    [InlineData("--precision", "tiny")]
    public async Task EitherPointsOrAPositivePrecisionIsNeededBeforeAnyRequest(params string[] options)
    {
        var (code, output) = await CliRun.RunAsync(["--api", "http://127.0.0.1:1", "submit", .. options]);

        Assert.NotEqual(0, code);
        Assert.DoesNotContain("Cannot reach", output);
    }

    [Fact]
    public async Task GetOfAnUnknownIdFailsWithTheProblemTitle()
    {
        var (code, output) = await CliRun.RunAsync("--api", api.Url, "get", Guid.NewGuid().ToString());

        Assert.Equal(ExitCodes.ApiError, code);
        Assert.Contains("Error 404", output);
    }

    [Fact]
    public async Task AFractionalPointCountIsRejectedBeforeAnyRequest()
    {
        var (code, output) = await CliRun.RunAsync("--api", "http://127.0.0.1:1", "submit", "--points", "1.5");

        Assert.NotEqual(0, code);
        Assert.DoesNotContain("Cannot reach", output);
    }

    [Fact]
    public async Task ARequestTheApiRefusesShowsItsProblemDetails()
    {
        var (code, output) = await CliRun.RunAsync("--api", api.Url, "submit", "--points", "1e12", "--mode", "single");

        Assert.Equal(ExitCodes.ApiError, code);
        Assert.Contains("Error 400", output);
        Assert.Contains("total_points", output);
    }

    [Fact]
    public async Task ListShowsRecentCalculations()
    {
        await CliRun.RunAsync("--api", api.Url, "submit", "--points", "1e7", "--mode", "single");

        var (code, output) = await CliRun.RunAsync("--api", api.Url, "list", "--status", "completed", "--limit", "5");

        Assert.True(code == 0, output);
        Assert.Contains("completed", output);
    }

    [Fact]
    public async Task ClusterShowsTheSilosAndWhatItKnowsOfKubernetes()
    {
        var (code, output) = await CliRun.RunAsync("--api", api.Url, "cluster");

        Assert.True(code == 0, output);
        Assert.Contains("Silos", output);
        Assert.Contains("Kubernetes", output);
    }

    [Fact]
    public async Task AnUnreachableApiIsAClearError()
    {
        var (code, output) = await CliRun.RunAsync("--api", "http://127.0.0.1:1", "list");

        Assert.Equal(ExitCodes.Unreachable, code);
        Assert.Contains("Cannot reach the API at http://127.0.0.1:1", output);
    }
}
