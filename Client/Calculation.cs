using System.Text.Json.Serialization;

namespace Pi.Orleans.Client;

/// <summary>
/// A calculation as the API returns it (snake_case on the wire). <see cref="TargetError"/> is set for a request by precision;
/// <see cref="HalfWidth"/> and <see cref="TargetMet"/> once completed; <see cref="EtaS"/> is 0 once finished and null while unknown.
/// </summary>
public sealed record Calculation(
    Guid Id,
    string Status,
    string Mode,
    long TotalPoints,
    ulong Seed,
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
    IReadOnlyList<string>? SilosUsed,
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
    /// <summary>Whether the calculation has reached a final status (completed, failed or cancelled).</summary>
    [JsonIgnore]
    public bool IsFinished => Status is not ("pending" or "running");
}
