namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>Sends every request to wherever the Api listens now (a restarted Api gets a new HTTP port).</summary>
public sealed class CurrentAddressHandler(Func<Uri> apiAddress) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = new Uri(apiAddress(), request.RequestUri!.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }
}
