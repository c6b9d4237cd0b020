namespace Pi.Orleans.Client;

/// <summary>GET /api/estimate: what a calculation would take; durations and workers are null until the cluster has measured its speed.</summary>
public sealed record Estimate(
    long TotalPoints,
    double? TargetError,
    double ExpectedHalfWidth,
    double? ExpectedDurationS,
    double PointsPerSecondPerSlot,
    int SlotsAvailable,
    int SlotsPerWorker,
    double? DeadlineS,
    int? DesiredWorkers);
