using System.Diagnostics;

namespace Pi.Orleans.Grains.Diagnostics;

/// <summary>The service's own trace spans: one per calculation run, one per chunk.</summary>
public static class PiActivities
{
    /// <summary>The activity source name.</summary>
    public const string SourceName = "Pi.Orleans";

    /// <summary>The source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
