using System.ComponentModel.DataAnnotations;

namespace Pi.Orleans.Api.Http;

/// <summary>Which proxies the Api believes about the client's address and scheme, bound from the "ForwardedHeaders" section.</summary>
public sealed class ProxyTrustOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Proxy addresses (IPv4 or IPv6, e.g. 127.0.0.1 for a sidecar) whose X-Forwarded-For and X-Forwarded-Proto are applied. Default: none, not even loopback.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation (e.g. 10.42.0.0/16, the node or ingress network) trusted like <see cref="KnownProxies"/>. Default: none.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many X-Forwarded-For entries are read from the right, one per trusted proxy in the chain. Default: 1.</summary>
    [Range(1, 16)]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Whether any proxy is trusted; with none, forwarded headers are ignored altogether.</summary>
    public bool TrustsAnyProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
