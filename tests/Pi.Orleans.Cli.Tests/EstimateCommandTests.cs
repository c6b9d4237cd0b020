using System.Text.Json;
using Pi.Orleans.Cli.Tests.Infrastructure;
using Pi.Orleans.Harness.CommandLine;

namespace Pi.Orleans.Cli.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class EstimateCommandTests(EmbeddedApiFixture api)
{
    [Fact]
    public async Task EstimateForAPointCountShowsItsHalfWidthAndTheSlots()
    {
        var (code, output) = await CliRun.RunAsync("--api", api.Url, "estimate", "--points", "1e9");

        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains("1,000,000,000 (1e9)", output);
        Assert.Contains("expected half-width", output);
        Assert.Contains("available", output);
    }

    [Fact]
    public async Task EstimateForATargetErrorWithADeadlineAnswersTheApisJson()
    {
        var (code, output, errors) = await CliRun.RunApartAsync("--api", api.Url, "estimate", "--target-error", "1e-4", "--deadline", "60", "--json");

        Assert.True(code == ExitCodes.Success, errors);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1e-4, json.RootElement.GetProperty("target_error").GetDouble());
        Assert.Equal(60, json.RootElement.GetProperty("deadline_s").GetDouble());
        Assert.True(json.RootElement.GetProperty("total_points").GetInt64() > 0);
        Assert.True(json.RootElement.GetProperty("expected_half_width").GetDouble() <= 1e-4);
    }

    [Theory]
    [InlineData("--points", "1e9", "--target-error", "1e-4")]
    [InlineData("--deadline", "60")]
    [InlineData("--target-error", "0")]
    public async Task EitherPointsOrAPositiveTargetErrorIsNeededBeforeAnyRequest(params string[] options)
    {
        var (code, output) = await CliRun.RunAsync(["--api", "http://127.0.0.1:1", "estimate", .. options]);

        Assert.Equal(ExitCodes.InvalidArguments, code);
        Assert.DoesNotContain("Cannot reach", output);
    }
}
