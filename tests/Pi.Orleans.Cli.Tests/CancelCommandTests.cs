using System.Text.Json;
using Pi.Orleans.Cli.Tests.Infrastructure;
using Pi.Orleans.Harness.CommandLine;

namespace Pi.Orleans.Cli.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class CancelCommandTests(EmbeddedApiFixture api)
{
    [Fact]
    public async Task CancelStopsARunningCalculationAndWatchThenReportsItAsAFailure()
    {
        // 10^11 points take minutes on the embedded Api: still running when the cancel arrives.
        var (code, output, errors) = await CliRun.RunApartAsync("--api", api.Url, "submit", "--points", "1e11", "--json");
        Assert.True(code == ExitCodes.Success, errors);
        using var accepted = JsonDocument.Parse(output);
        var id = accepted.RootElement.GetProperty("id").GetString()!;

        (code, output, errors) = await CliRun.RunApartAsync("--api", api.Url, "cancel", id, "--json");

        Assert.True(code == ExitCodes.Success, errors);
        using var cancelled = JsonDocument.Parse(output);
        Assert.Equal("cancelled", cancelled.RootElement.GetProperty("status").GetString());

        var (watchCode, watchOutput) = await CliRun.RunAsync("--api", api.Url, "watch", id);
        Assert.Equal(ExitCodes.Failure, watchCode);
        Assert.Contains("cancelled", watchOutput);
    }

    [Fact]
    public async Task CancellingAFinishedCalculationIsTheApisConflict()
    {
        var (code, output, errors) = await CliRun.RunApartAsync("--api", api.Url, "submit", "--points", "1e6", "--mode", "single", "--json");
        Assert.True(code == ExitCodes.Success, errors);
        using var done = JsonDocument.Parse(output);

        var (cancelCode, cancelOutput) = await CliRun.RunAsync("--api", api.Url, "cancel", done.RootElement.GetProperty("id").GetString()!);

        Assert.Equal(ExitCodes.ApiError, cancelCode);
        Assert.Contains("Error 409", cancelOutput);
    }
}
