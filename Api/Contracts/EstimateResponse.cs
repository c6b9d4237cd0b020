namespace Pi.Orleans.Api.Contracts;

/// <summary>What a calculation would take (snake_case on the wire); the durations and worker count are null until the cluster has measured its speed.</summary>
/// <param name="TotalPoints">The points: as asked, or planned from the target error in whole blocks.</param>
/// <param name="TargetError">The target half-width asked for, if any.</param>
/// <param name="ExpectedHalfWidth">The half-width of the 95% interval those points are expected to give (p = π/4).</param>
/// <param name="ExpectedDurationS">Seconds the sampling takes at the measured rate with the slots available now; null when unknown.</param>
/// <param name="PointsPerSecondPerSlot">The measured rate of one slot over the silos' recent window; 0 when not measured yet.</param>
/// <param name="SlotsAvailable">The chunk slots of the silos that run chunks now.</param>
/// <param name="SlotsPerWorker">The slots one worker brings.</param>
/// <param name="DeadlineS">The deadline asked for, if any.</param>
/// <param name="DesiredWorkers">Workers that finish within the deadline, ceil(points / (rate × slots_per_worker × deadline_s)); null without a deadline or a rate.</param>
public sealed record EstimateResponse(
    long TotalPoints,
    double? TargetError,
    double ExpectedHalfWidth,
    double? ExpectedDurationS,
    double PointsPerSecondPerSlot,
    int SlotsAvailable,
    int SlotsPerWorker,
    double? DeadlineS,
    int? DesiredWorkers);
