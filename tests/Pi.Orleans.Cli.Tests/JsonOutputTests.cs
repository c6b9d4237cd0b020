using System.Text.Json;
using Pi.Orleans.Cli.Tests.Infrastructure;
using Pi.Orleans.Harness.CommandLine;

namespace Pi.Orleans.Cli.Tests;

/// <summary>`pi … --json`: standard output is one JSON document in the API's snake_case names, for `| jq`; failures go to standard error.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class JsonOutputTests(EmbeddedApiFixture api)
{
    [Fact]
    public async Task SubmitGetAndListPrintTheApisJson()
    {
        var (code, output, errors) = await CliRun.RunApartAsync("--api", api.Url, "submit", "--points", "1e8", "--mode", "single", "--seed", "7", "--json");

        Assert.True(code == ExitCodes.Success, errors);
        Assert.Empty(errors);
        using var submitted = JsonDocument.Parse(output);
        var id = submitted.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("completed", submitted.RootElement.GetProperty("status").GetString());
        Assert.Equal(100_000_000, submitted.RootElement.GetProperty("total_points").GetInt64());
        Assert.InRange(submitted.RootElement.GetProperty("confidence_interval_95").GetProperty("low").GetDouble(), 3.1, 3.2);

        (code, output, errors) = await CliRun.RunApartAsync("--api", api.Url, "get", id, "--json");
        Assert.True(code == ExitCodes.Success, errors);
        using var got = JsonDocument.Parse(output);
        Assert.Equal(submitted.RootElement.GetProperty("result_inside").GetInt64(), got.RootElement.GetProperty("result_inside").GetInt64());

        (code, output, errors) = await CliRun.RunApartAsync("--api", api.Url, "list", "--status", "completed", "--limit", "1000", "--json");
        Assert.True(code == ExitCodes.Success, errors);
        using var listed = JsonDocument.Parse(output);
        Assert.Contains(listed.RootElement.EnumerateArray(), c => c.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task ClusterPrintsTheApisClusterDocument()
    {
        var (code, output, errors) = await CliRun.RunApartAsync("--api", api.Url, "cluster", "--json");

        Assert.True(code == ExitCodes.Success, errors);
        using var json = JsonDocument.Parse(output);
        Assert.NotEmpty(json.RootElement.GetProperty("silos").EnumerateArray());
        Assert.True(json.RootElement.GetProperty("slots_total").GetInt32() > 0);
    }

    [Fact]
    public async Task AFailureWritesNothingToStandardOutput()
    {
        var (code, output, errors) = await CliRun.RunApartAsync("--api", api.Url, "get", Guid.NewGuid().ToString(), "--json");

        Assert.Equal(ExitCodes.ApiError, code);
        Assert.Empty(output);
        Assert.Contains("Error 404", errors);
    }
}
