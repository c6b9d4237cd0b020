using System.Globalization;
using System.Text.RegularExpressions;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Runs hey (single-mode POST /api/calculate, seed 7) and reads its summary: requests per second, p50 and p99 in ms, and the
/// answers by status code ("202x1234,429x5").
/// </summary>
public static partial class Hey
{
    public sealed record Result(double Rps, double P50Ms, double P99Ms, string Codes);

    /// <summary>For <paramref name="duration"/> (hey -z) or <paramref name="requests"/> requests (hey -n), from <paramref name="clients"/> clients.</summary>
    public static async Task<Result> RunAsync(Uri api, int clients, long points, string? apiKey, CancellationToken cancellationToken, TimeSpan? duration = null, int requests = 0)
    {
        List<string> arguments = duration is { } d ? ["-z", $"{d.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"] : ["-n", requests.ToString(CultureInfo.InvariantCulture)];
        arguments.AddRange(["-c", clients.ToString(CultureInfo.InvariantCulture), "-m", "POST", "-T", "application/json"]);
        if (!string.IsNullOrEmpty(apiKey))
        {
            arguments.AddRange(["-H", $"X-Api-Key: {apiKey}"]);
        }

        arguments.AddRange(["-d", string.Create(CultureInfo.InvariantCulture, $$"""{"total_points": {{points}}, "mode": "single", "seed": 7}"""), new Uri(api, "api/calculate").ToString()]);
        return Parse(await Tool.RunAsync("hey", arguments, cancellationToken));
    }

    /// <summary>GET <paramref name="path"/> for <paramref name="duration"/> from <paramref name="clients"/> clients: the baseline of a route that calls no grain.</summary>
    public static async Task<Result> GetAsync(Uri api, string path, int clients, TimeSpan duration, CancellationToken cancellationToken) =>
        Parse(await Tool.RunAsync("hey", ["-z", $"{duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s", "-c", clients.ToString(CultureInfo.InvariantCulture),
            new Uri(api, path).ToString()], cancellationToken));

    /// <summary>Reads hey's summary text.</summary>
    public static Result Parse(string text)
    {
        var rps = double.Parse(RequestsPerSecond().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var percentiles = Percentile().Matches(text).ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * 1000);
        var codes = string.Join(',', StatusCode().Matches(text).Select(m => $"{m.Groups[1].Value}x{m.Groups[2].Value}"));
        return new Result(rps, percentiles.GetValueOrDefault("50"), percentiles.GetValueOrDefault("99"), codes);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+)% in ([\d.]+) secs")]
    private static partial Regex Percentile();

    [GeneratedRegex(@"\[(\d+)\]\s+(\d+) responses")]
    private static partial Regex StatusCode();
}
