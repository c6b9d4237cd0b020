using System.CommandLine;
using Pi.Orleans.Client;

namespace Pi.Orleans.Harness.CommandLine;

/// <summary>The global connection options: `--api` (env PI_API, default http://localhost:8080) and `--api-key` (env PI_API_KEY).</summary>
public sealed class ApiOption
{
    public const string UrlVariable = "PI_API";
    public const string KeyVariable = "PI_API_KEY";
    public const string DefaultUrl = "http://localhost:8080";

    public Option<string> Url { get; } = new("--api")
    {
        Description = $"Base URL of the Pi.Orleans API (env {UrlVariable}; default {DefaultUrl}).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url ? url : DefaultUrl,
    };

    public Option<string?> Key { get; } = new("--api-key")
    {
        Description = $"API key, sent as X-Api-Key (env {KeyVariable}); needed to submit when the API has Auth:ApiKeys.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } key ? key : null,
    };

    public string UrlOf(ParseResult parse) => parse.GetValue(Url)!;

    public PiApiClient CreateClient(ParseResult parse, string? url = null) => PiApiClient.Create(url ?? UrlOf(parse), apiKey: parse.GetValue(Key));
}
