using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Pi.Orleans.Api.Http;

/// <summary>ASP.NET Core's forwarded headers (X-Forwarded-For, X-Forwarded-Proto), believed only from the configured proxies.</summary>
public static class ForwardedHeadersExtensions
{
    /// <summary>Registers and validates <see cref="ProxyTrustOptions"/> and derives ASP.NET Core's <see cref="ForwardedHeadersOptions"/> from them.</summary>
    public static WebApplicationBuilder AddPiForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyTrustOptions>().BindConfiguration(ProxyTrustOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProxyTrustOptions>, ProxyTrustOptionsValidator>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyTrustOptions>>((o, trust) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = trust.Value.ForwardLimit;
            // ASP.NET Core trusts loopback by default; here only what is configured is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in trust.Value.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trust.Value.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>Applies forwarded headers from trusted proxies; call first, before anything reads the client's address or scheme.</summary>
    public static WebApplication UsePiForwardedHeaders(this WebApplication app)
    {
        // With no known proxy or network the middleware would believe every sender, so it is left out.
        if (app.Services.GetRequiredService<IOptions<ProxyTrustOptions>>().Value.TrustsAnyProxy)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
