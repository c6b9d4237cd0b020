using System.ComponentModel.DataAnnotations;

namespace Pi.Orleans.Grains.History;

/// <summary>How long finished calculations stay readable, bound from the "History" configuration section.</summary>
public sealed class HistoryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "History";

    /// <summary>Finished calculations kept in the embedded default's in-memory store; the oldest are dropped first. Default: 10,000.</summary>
    [Range(1, 10_000_000)]
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>How long a finished calculation's state stays in Redis (Redis mode). Default: 7.00:00:00 (7 days).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromDays(7);
}
