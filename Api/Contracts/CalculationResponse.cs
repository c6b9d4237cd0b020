using System.Text.Json.Serialization;
using Pi.Orleans.Core.Precision;

namespace Pi.Orleans.Api.Contracts;

/// <summary>
/// A calculation as the API shows it (snake_case on the wire). A request by precision carries its <c>target_error</c>; once
/// completed, <c>half_width</c> is the achieved half-width of the 95% interval (Z95 × standard error) and <c>target_met</c> says
/// whether it is at most the target. <c>eta_s</c> is the seconds still needed at the cluster's measured speed: 0 once finished,
/// null while unknown (no rate measured yet, or no slot to run on).
/// </summary>
public sealed record CalculationResponse(
    Guid Id,
    CalculationStatus Status,
    CalculationMode Mode,
    long TotalPoints,
    ulong Seed,
    string SeedSource,
    int ChunksTotal,
    int ChunksDone,
    long PointsDone,
    double Progress,
    double? ResultPi,
    long? ResultInside,
    long? ResultTotal,
    double? StandardError,
    [property: JsonPropertyName("confidence_interval_95")] ConfidenceInterval? ConfidenceInterval95,
    double? DurationMs,
    IReadOnlyList<string> SilosUsed,
    int ChunkRetries,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    double? TargetError = null,
    double? HalfWidth = null,
    bool? TargetMet = null,
    double? EtaS = null)
{
    /// <summary>The API view of a grain snapshot; results appear once the calculation has completed.</summary>
    public static CalculationResponse From(CalculationSnapshot s, DateTimeOffset now, Throughput? throughput = null)
    {
        var completed = s.Status == CalculationStatus.Completed;
        var estimate = completed ? PiEstimate.From(s.Inside, s.PointsDone) : null;
        var end = s.FinishedAt ?? now;
        var halfWidth = estimate is null ? (double?)null : PiEstimate.Z95 * estimate.StandardError;
        return new CalculationResponse(
            s.Id,
            s.Status,
            s.Request.Mode,
            s.Request.TotalPoints,
            s.Request.Seed,
            s.Request.SeedChosenByService ? "service" : "request",
            s.ChunksTotal,
            s.ChunksDone,
            s.PointsDone,
            s.Request.TotalPoints == 0 ? 0 : (double)s.PointsDone / s.Request.TotalPoints,
            estimate?.Pi,
            completed ? s.Inside : null,
            completed ? s.PointsDone : null,
            estimate?.StandardError,
            estimate is null ? null : new ConfidenceInterval(estimate.Ci95Low, estimate.Ci95High),
            s.StartedAt is { } started ? (end - started).TotalMilliseconds : null,
            s.SilosUsed,
            s.ChunkRetries,
            s.CreatedAt,
            s.StartedAt,
            s.FinishedAt,
            s.Error,
            s.Request.TargetError,
            halfWidth,
            s.Request.TargetError is { } target && halfWidth is { } achieved ? achieved <= target : null,
            s.Status.IsActive() ? throughput?.EtaSeconds(s.Status.IsActive(), s.Request.Mode == CalculationMode.Single, s.Request.TotalPoints, s.PointsDone) : 0);
    }
}
