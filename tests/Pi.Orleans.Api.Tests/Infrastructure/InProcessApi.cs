using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>
/// The Api in its embedded default hosted in this test process by <see cref="WebApplicationFactory{TEntryPoint}"/>: the same
/// composition root, silo and routes, answered in memory with no process to start. For the validation table; what needs a
/// real process or real sockets (start-up, shutdown, Redis, the fuzz test) uses <see cref="EmbeddedApiFixture"/>.
/// </summary>
public sealed class InProcessApi : WebApplicationFactory<Program>
{
    private HttpClient? _http;

    /// <summary>A client for the in-memory Api.</summary>
    public HttpClient Http => _http ??= CreateClient();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Pi:MaxSinglePoints", "2000000000");
        builder.UseSetting("Limits:SubmissionsPerMinutePerClient", "1000000");
    }

    public override async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await base.DisposeAsync();
    }
}
