using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Pi.Orleans.Hosting;

namespace Pi.Orleans.Api.Tests;

public sealed partial class ListenUrlsTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheApiListensWhereAspNetCoreUrlsSays()
    {
        var port = FreePort.Next();
        await using var api = StartHost("api-urls", "Api", port, new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });

        await api.WaitReadyAsync(StartTimeout, Token);
    }

    [Fact]
    public async Task TheApiListensOnTheAspNetCoreHttpPortsWithoutOverridingThem()
    {
        var port = FreePort.Next();
        await using var api = StartHost("api-http-ports", "Api", port, new() { ["ASPNETCORE_HTTP_PORTS"] = Text(port) });

        await api.WaitReadyAsync(StartTimeout, Token);

        // With an address named anywhere else (appsettings.json, a Urls variable), Kestrel logs "Overriding HTTP_PORTS" and ignores them.
        Assert.DoesNotContain(api.Lines, line => line.Contains("Overriding", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWorkerWithNoAddressConfiguredListensOnAFreeLoopbackPort()
    {
        await using var silo = StartHost("silo-default", "Silo", httpPort: 0, []);

        var listening = await Eventually.ReachesAsync(
            _ => Task.FromResult(silo.Lines.Select(line => ListeningOn().Match(line)).FirstOrDefault(m => m.Success)),
            _ => true, StartTimeout, _ => "the silo logs where it listens\n" + silo.Output, Token);

        Assert.Equal("127.0.0.1", listening.Groups["host"].Value);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{listening.Groups["port"].Value}") };
        await Eventually.HoldsAsync(ct => HttpProbe.IsReadyAsync(http, "/health/live", ct), StartTimeout, () => "the silo answers there", Token);
    }

    [Theory]
    [InlineData("urls", "http://+:5000")]
    [InlineData("URLS", "http://+:5000")]
    [InlineData("http_ports", "5000")]
    [InlineData("HTTP_PORTS", "5000")]
    [InlineData("https_ports", "5001")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://+:5000")]
    public void AnAddressAspNetCoreReadsKeepsTheDefaultOut(string key, string value)
    {
        var builder = EmptyBuilder(new() { [key] = value });

        builder.UsePiDefaultUrls(ListenUrlsExtensions.FrontDefault);

        Assert.True(ListenUrlsExtensions.ConfiguresListenAddress(builder.Configuration));
        Assert.NotEqual(ListenUrlsExtensions.FrontDefault, builder.Configuration["urls"]);
    }

    [Fact]
    public void WithNoAddressConfiguredTheDefaultApplies()
    {
        var builder = EmptyBuilder(new() { ["http_ports"] = " " });

        builder.UsePiDefaultUrls(ListenUrlsExtensions.FrontDefault);

        Assert.Equal(ListenUrlsExtensions.FrontDefault, builder.Configuration["urls"]);
    }

    private static WebApplicationBuilder EmptyBuilder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    // Started without --urls (which HostProcess.Start passes), so only the environment names an address.
    private static HostProcess StartHost(string name, string folder, int httpPort, Dictionary<string, string> environment)
    {
        var dll = RepositoryPaths.HostDll(folder, $"Pi.Orleans.{folder}");
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Cluster__SiloPort"] = Text(FreePort.Next());
        environment["Cluster__GatewayPort"] = Text(FreePort.Next());
        return HostProcess.StartProgram(name, "dotnet", [dll], environment, logPath: null, httpPort, workingDirectory: Path.GetDirectoryName(dll));
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Now listening on: http://(?<host>[^:/]+):(?<port>[0-9]+)")]
    private static partial Regex ListeningOn();
}
