using System.Text.Json.Serialization;

namespace Pi.Orleans.Api.Contracts;

/// <summary>A calculation as the API shows it (snake_case on the wire).</summary>
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
    string? Error)
{
    /// <summary>The API view of a grain snapshot; results appear once the calculation has completed.</summary>
    public static CalculationResponse From(CalculationSnapshot s, DateTimeOffset now)
    {
        var completed = s.Status == CalculationStatus.Completed;
        var estimate = completed ? PiEstimate.From(s.Inside, s.PointsDone) : null;
        var end = s.FinishedAt ?? now;
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
            s.Error);
    }
}
