using Pi.Orleans.Contracts;
using Pi.Orleans.Core.Precision;

namespace Pi.Orleans.Api.Contracts;

/// <summary>The API view of a grain snapshot: the one place a field of <see cref="Calculation"/> is filled.</summary>
public static class CalculationResponses
{
    /// <summary>
    /// Results appear once the calculation has completed; <c>eta_s</c> is the seconds still needed at the cluster's measured
    /// speed: 0 once finished, null while unknown (no rate measured yet, or no slot to run on).
    /// </summary>
    public static Calculation From(CalculationSnapshot s, DateTimeOffset now, Throughput? throughput = null)
    {
        var completed = s.Status == CalculationStatus.Completed;
        var estimate = completed ? PiEstimate.From(s.Inside, s.PointsDone) : null;
        var end = s.FinishedAt ?? now;
        var halfWidth = estimate is null ? (double?)null : PiEstimate.Z95 * estimate.StandardError;
        return new Calculation
        {
            Id = s.Id,
            Status = WireNames.Of(s.Status),
            Mode = WireNames.Of(s.Request.Mode),
            TotalPoints = s.Request.TotalPoints,
            Seed = s.Request.Seed,
            SeedSource = s.Request.SeedChosenByService ? "service" : "request",
            ChunksTotal = s.ChunksTotal,
            ChunksDone = s.ChunksDone,
            PointsDone = s.PointsDone,
            Progress = s.Request.TotalPoints == 0 ? 0 : (double)s.PointsDone / s.Request.TotalPoints,
            ResultPi = estimate?.Pi,
            ResultInside = completed ? s.Inside : null,
            ResultTotal = completed ? s.PointsDone : null,
            StandardError = estimate?.StandardError,
            ConfidenceInterval95 = estimate is null ? null : new ConfidenceInterval { Low = estimate.Ci95Low, High = estimate.Ci95High },
            DurationMs = s.StartedAt is { } started ? (end - started).TotalMilliseconds : null,
            SilosUsed = s.SilosUsed,
            ChunkRetries = s.ChunkRetries,
            CreatedAt = s.CreatedAt,
            StartedAt = s.StartedAt,
            FinishedAt = s.FinishedAt,
            Error = s.Error,
            TargetError = s.Request.TargetError,
            HalfWidth = halfWidth,
            TargetMet = s.Request.TargetError is { } target && halfWidth is { } achieved ? achieved <= target : null,
            EtaS = s.Status.IsActive() ? throughput?.EtaSeconds(s.Status.IsActive(), s.Request.Mode == CalculationMode.Single, s.Request.TotalPoints, s.PointsDone) : 0,
        };
    }
}
