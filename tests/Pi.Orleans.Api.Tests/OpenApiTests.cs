using System.Text.Json;
using Pi.Orleans.Api.Tests.Infrastructure;

namespace Pi.Orleans.Api.Tests;

[Collection(InProcessApiCollection.Name)]
public sealed class OpenApiTests(InProcessApi api)
{
    // What each route answers, read from its handler and the middleware in front of it: 400 from input checks, 401 from the
    // operator policy, 404/409 from the handlers, 413/415 from SubmitReader, 429 from the limiter, 503 from TransientClusterErrors.
    public static readonly TheoryData<string, string, int[]> Statuses = new()
    {
        { "post", "/api/calculate", [200, 202, 400, 401, 413, 415, 429, 503] },
        { "get", "/api/calculate", [200, 400, 503] },
        { "get", "/api/calculate/{id}", [200, 400, 404, 503] },
        { "delete", "/api/calculate/{id}", [200, 400, 401, 404, 409, 503] },
        { "get", "/api/calculate/{id}/events", [200, 400, 404, 503] },
        { "get", "/api/estimate", [200, 400, 503] },
        { "get", "/api/cluster", [200, 503] },
        { "get", "/api/scaling", [200, 503] },
        { "get", "/api/k8s/status", [200, 401, 503] },
        { "get", "/api/k8s/metrics", [200, 401, 503] },
    };

    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SpectralOasRulesetFindsNoErrorsAndNoWarnings()
    {
        var findings = await Spectral.LintAsync(await api.Http.GetStringAsync("/openapi/v1.json", Token), Token);

        var problems = findings.Where(f => f.Severity <= 1).ToList();
        Assert.True(problems.Count == 0, "spectral:oas findings:\n" + string.Join('\n', problems.Select(f => $"{f.Code} ({f.Severity}) at {f.Path}: {f.Message}")));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task EveryRouteDocumentsTheStatusesItAnswers(string method, string path, int[] statuses)
    {
        var operation = (await OperationsAsync()).Single(o => o.Method == method && o.Path == path).Body;

        var documented = operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Empty(statuses.Except(documented));
    }

    [Fact]
    public async Task TheDocumentListsExactlyTheRoutesWhoseStatusesAreChecked()
    {
        var operations = await OperationsAsync();

        Assert.Equal(
            Statuses.Select(row => $"{row.Data.Item1} {row.Data.Item2}").Order(StringComparer.Ordinal),
            operations.Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryOperationHasASummaryADescriptionAndATag()
    {
        foreach (var (method, path, body) in await OperationsAsync())
        {
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("summary").GetString()), $"{method} {path} has a summary");
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("description").GetString()), $"{method} {path} has a description");
            Assert.NotEmpty(body.GetProperty("tags").EnumerateArray());
        }
    }

    [Fact]
    public async Task TheApiKeySchemeIsRequiredOnExactlyTheOperatorRoutes()
    {
        using var document = JsonDocument.Parse(await api.Http.GetStringAsync("/openapi/v1.json", Token));
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        var secured = (await OperationsAsync())
            .Where(o => o.Body.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("ApiKey", out _)))
            .Select(o => $"{o.Method} {o.Path}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["delete /api/calculate/{id}", "get /api/k8s/metrics", "get /api/k8s/status", "post /api/calculate"], secured);
    }

    private async Task<List<(string Method, string Path, JsonElement Body)>> OperationsAsync()
    {
        using var document = JsonDocument.Parse(await api.Http.GetStringAsync("/openapi/v1.json", Token));
        return [.. document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (operation.Name, path.Name, operation.Value.Clone())))];
    }
}
