using System.Text.Json;
using Pi.Orleans.Cli.Tests.Infrastructure;
using Pi.Orleans.Harness.CommandLine;

namespace Pi.Orleans.Cli.Tests;

[Collection(EmbeddedApiCollection.Name)]
public sealed class WatchCommandTests(EmbeddedApiFixture api)
{
    [Fact]
    public async Task WatchFollowsAnAcceptedCalculationToItsEnd()
    {
        var id = await SubmitAsync("2.5e8");

        var (code, output) = await CliRun.RunAsync("--api", api.Url, "watch", id);

        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains("completed", output);
        Assert.Contains(id, output);
        Assert.Contains("250,000,000", output);
    }

    [Fact]
    public async Task WatchWithJsonPrintsOnlyTheFinalCalculation()
    {
        var id = await SubmitAsync("2.5e8");

        var (code, output, errors) = await CliRun.RunApartAsync("--api", api.Url, "watch", id, "--json");

        Assert.True(code == ExitCodes.Success, errors);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(id, json.RootElement.GetProperty("id").GetString());
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(json.RootElement.GetProperty("chunks_total").GetInt32(), json.RootElement.GetProperty("chunks_done").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("result_pi").GetDouble(), 3.1, 3.2);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WatchOfAnUnknownIdIsAnApiError()
    {
        var (code, output) = await CliRun.RunAsync("--api", api.Url, "watch", Guid.NewGuid().ToString());

        Assert.Equal(ExitCodes.ApiError, code);
        Assert.Contains("Error 404", output);
    }

    private async Task<string> SubmitAsync(string points)
    {
        var (code, output, errors) = await CliRun.RunApartAsync("--api", api.Url, "submit", "--points", points, "--seed", "11", "--json");
        Assert.True(code == ExitCodes.Success, errors);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("id").GetString()!;
    }
}
