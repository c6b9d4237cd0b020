namespace Pi.Orleans.Api.Security;

/// <summary>API keys for the operator endpoints, bound from the "Auth" section (a Kubernetes Secret in the chart).</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>Accepted keys, sent as <c>X-Api-Key: key</c> or <c>Authorization: Bearer key</c>. Required in Redis mode; empty in the embedded default turns auth off. Default: none.</summary>
    public List<string> ApiKeys { get; set; } = [];
}
