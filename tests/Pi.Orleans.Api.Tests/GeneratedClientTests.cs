using System.Text.Json.Nodes;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Pi.Orleans.Api.Tests.GeneratedClient;
using Pi.Orleans.Api.Tests.Infrastructure;

namespace Pi.Orleans.Api.Tests;

// The client in GeneratedClient/ is Kiota's output for ClientGeneration/v1.json (ClientGeneration/generate-client.sh), the Api's document
// saved without its servers entry; these tests keep that copy equal to the live document and call the running Api through the client.
[Collection(InProcessApiCollection.Name)]
public sealed class GeneratedClientTests(InProcessApi api)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheClientWasGeneratedFromTheDocumentTheApiServes()
    {
        var live = JsonNode.Parse(await api.Http.GetStringAsync("/openapi/v1.json", Token))!.AsObject();
        live.Remove("servers");
        var saved = JsonNode.Parse(await File.ReadAllTextAsync(
            Path.Combine(RepositoryPaths.Root, "tests", "Pi.Orleans.Api.Tests", "ClientGeneration", "v1.json"), Token));

        Assert.True(JsonNode.DeepEquals(live, saved),
            "/openapi/v1.json changed: save it to tests/Pi.Orleans.Api.Tests/ClientGeneration/v1.json without servers and run generate-client.sh there.");
    }

    [Fact]
    public async Task TheGeneratedClientSubmitsReadsListsAndFailsToCancelAFinishedCalculation()
    {
        var client = Create();

        var done = await client.Api.Calculate.PostAsync(new() { TotalPoints = 2_000_000, Mode = "single", Seed = 5 }, cancellationToken: Token);
        Assert.Equal("completed", done!.Status);
        Assert.Equal(2_000_000, done.ResultTotal);

        var read = await client.Api.Calculate[done.Id!.Value.ToString()].GetAsync(cancellationToken: Token);
        Assert.Equal(done.ResultPi, read!.ResultPi);

        var listed = await client.Api.Calculate.GetAsync(r => r.QueryParameters.Status = "completed", Token);
        Assert.Contains(listed!, c => c.Id == done.Id);

        var refused = await Assert.ThrowsAnyAsync<ApiException>(() => client.Api.Calculate[done.Id.Value.ToString()].DeleteAsync(cancellationToken: Token));
        Assert.Equal(409, refused.ResponseStatusCode);
    }

    [Fact]
    public async Task TheGeneratedClientSeesTheDocumented404()
    {
        var missing = await Assert.ThrowsAnyAsync<ApiException>(() => Create().Api.Calculate[Guid.NewGuid().ToString()].GetAsync(cancellationToken: Token));

        Assert.Equal(404, missing.ResponseStatusCode);
    }

    private PiApiGeneratedClient Create() =>
        new(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: api.Http) { BaseUrl = api.Http.BaseAddress!.ToString().TrimEnd('/') });
}
