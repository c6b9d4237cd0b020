using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Pi.Orleans.Client;

namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>
/// The Api in its embedded default hosted in this test process by <see cref="WebApplicationFactory{TEntryPoint}"/>: the same
/// composition root, silo and routes, in Production as <see cref="HostProcess"/> starts it, answered in memory with no process
/// to start. For what checks only HTTP behaviour; what needs a real process or real sockets (start-up, shutdown, Redis, the
/// body limit of a chunked request, the fuzz test) uses <see cref="EmbeddedApiFixture"/> or a cluster of processes.
/// </summary>
public sealed class InProcessApi : WebApplicationFactory<Program>
{
    // The settings of EmbeddedApiFixture, so a test moved here from there runs against the same Api.
    private static readonly Dictionary<string, string> Shared = new()
    {
        ["Pi:ChunkPoints"] = (1 << 22).ToString(CultureInfo.InvariantCulture),
        ["Pi:ChunkDuration"] = "00:00:00",
        ["Pi:MaxSinglePoints"] = "2000000000",
        ["Limits:SubmissionsPerMinutePerClient"] = "1000000",
    };

    private readonly IReadOnlyDictionary<string, string> _settings;
    private HttpClient? _http;
    private PiApiClient? _client;

    /// <summary>The Api with the settings of the shared collection.</summary>
    public InProcessApi()
        : this(Shared)
    {
    }

    private InProcessApi(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    /// <summary>A client for the in-memory Api.</summary>
    public HttpClient Http => _http ??= CreateClient();

    /// <summary>The typed client over <see cref="Http"/>.</summary>
    public PiApiClient Client => _client ??= new PiApiClient(Http);

    /// <summary>An Api of its own with only these settings (configuration keys, e.g. <c>History:MaxEntries</c>) besides free ports.</summary>
    public static InProcessApi With(IReadOnlyDictionary<string, string> settings) => new(settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        // The typed client disposes the HttpClient it wraps; disposing that twice is harmless.
        _client?.Dispose();
        _http?.Dispose();
        await base.DisposeAsync();
    }
}
