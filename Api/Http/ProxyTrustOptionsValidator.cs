using System.Net;
using Microsoft.Extensions.Options;

namespace Pi.Orleans.Api.Http;

/// <summary>Fails start-up on a proxy address or network that does not parse, naming every bad key.</summary>
internal sealed class ProxyTrustOptionsValidator : IValidateOptions<ProxyTrustOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyTrustOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"{ProxyTrustOptions.SectionName}:KnownProxies:{i} '{options.KnownProxies[i]}' is not an IP address.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"{ProxyTrustOptions.SectionName}:KnownNetworks:{i} '{options.KnownNetworks[i]}' is not a network in CIDR notation (e.g. 10.42.0.0/16).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
