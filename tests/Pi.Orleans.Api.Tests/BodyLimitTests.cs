using System.Net;
using System.Text;
using Pi.Orleans.Api.Tests.Infrastructure;

namespace Pi.Orleans.Api.Tests;

// Over real HTTP: a body sent in chunks declares no length, so only the server's own limit can stop it.
[Collection(EmbeddedApiCollection.Name)]
public sealed class BodyLimitTests(EmbeddedApiFixture api)
{
    [Fact]
    public async Task AnOversizedChunkedBodyGetsA413Problem()
    {
        var body = Encoding.UTF8.GetBytes("{\"total_points\":1000,\"pad\":\"" + new string('x', 200_000) + "\"}");
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/calculate") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
