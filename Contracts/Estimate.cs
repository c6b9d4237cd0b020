namespace Pi.Orleans.Contracts;

/// <summary>GET /api/estimate: what a calculation would take; the durations and worker count are null until the cluster has measured its speed.</summary>
public sealed record Estimate
{
    /// <summary>The points: as asked, or planned from the target error in whole blocks.</summary>
    public required long TotalPoints { get; init; }

    /// <summary>The target half-width asked for, if any.</summary>
    public required double? TargetError { get; init; }

    /// <summary>The half-width of the 95% interval those points are expected to give (p = π/4).</summary>
    public required double ExpectedHalfWidth { get; init; }

    /// <summary>Seconds the sampling takes at the measured rate with the slots available now; null when unknown.</summary>
    public required double? ExpectedDurationS { get; init; }

    /// <summary>The measured rate of one slot over the silos' recent window; 0 when not measured yet.</summary>
    public required double PointsPerSecondPerSlot { get; init; }

    /// <summary>The chunk slots of the silos that run chunks now.</summary>
    public required int SlotsAvailable { get; init; }

    /// <summary>The slots one worker brings.</summary>
    public required int SlotsPerWorker { get; init; }

    /// <summary>The deadline asked for, if any.</summary>
    public required double? DeadlineS { get; init; }

    /// <summary>Workers that finish within the deadline, ceil(points / (rate × slots_per_worker × deadline_s)); null without a deadline or a rate.</summary>
    public required int? DesiredWorkers { get; init; }
}
