using System.Text.Json.Serialization;

namespace Pi.Orleans.Client;

/// <summary>A calculation as the API returns it (snake_case on the wire).</summary>
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
    string? Error)
{
    /// <summary>Whether the calculation has reached a final status (completed, failed or cancelled).</summary>
    [JsonIgnore]
    public bool IsFinished => Status is not ("pending" or "running");
}
