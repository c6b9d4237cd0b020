using System.ComponentModel.DataAnnotations;

namespace Pi.Orleans.Api.Limits;

/// <summary>Admission limits, bound from the "Limits" section; over a limit the answer is 429 with Retry-After.</summary>
public sealed class LimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Limits";

    /// <summary>Pending or running calculations in the whole cluster. Default: 64.</summary>
    [Range(1, 1_000_000)]
    public int MaxActiveCalculations { get; set; } = 64;

    /// <summary>Pending or running calculations of one client (API key, or address without auth). Default: 32.</summary>
    [Range(1, 1_000_000)]
    public int MaxActiveCalculationsPerClient { get; set; } = 32;

    /// <summary>Submissions one client may make per minute (token bucket, refilled every second). Default: 60,000 (1,000 a second, bursts of 10,000), so a scripted batch runs at the service's speed.</summary>
    [Range(1, 10_000_000)]
    public int SubmissionsPerMinutePerClient { get; set; } = 60_000;

    /// <summary>Single-mode requests waiting for their answer at once, cluster front-wide. Default: 64.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrentSingleRequests { get; set; } = 64;

    /// <summary>Seconds a rejected client is told to wait (Retry-After). Default: 5.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;
}
