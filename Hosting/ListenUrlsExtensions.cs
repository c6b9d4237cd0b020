using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Pi.Orleans.Hosting;

/// <summary>
/// A host's HTTP listen address for when nothing configures one, so that ASP.NET Core's own settings (ASPNETCORE_URLS,
/// ASPNETCORE_HTTP_PORTS, ASPNETCORE_HTTPS_PORTS, Urls, --urls, Kestrel:Endpoints) work as documented and the default never hides them.
/// </summary>
public static class ListenUrlsExtensions
{
    /// <summary>The Api's default: the README's http://localhost:8080.</summary>
    public const string FrontDefault = "http://localhost:8080";

    /// <summary>A worker's default: any free loopback port, so several run side by side on one machine.</summary>
    public const string WorkerDefault = "http://127.0.0.1:0";

    // The keys Kestrel reads its addresses from; the ASPNETCORE_ (and DOTNET_) prefix is stripped by the configuration, and a plain
    // URLS variable or --urls lands on the same key.
    private static readonly string[] AddressKeys = [WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey];

    /// <summary>Listens on <paramref name="urls"/> unless the configuration names an address itself.</summary>
    public static WebApplicationBuilder UsePiDefaultUrls(this WebApplicationBuilder builder, string urls)
    {
        if (!ConfiguresListenAddress(builder.Configuration))
        {
            builder.WebHost.UseUrls(urls);
        }

        return builder;
    }

    /// <summary>Whether <paramref name="configuration"/> tells Kestrel where to listen.</summary>
    public static bool ConfiguresListenAddress(IConfiguration configuration) =>
        AddressKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
