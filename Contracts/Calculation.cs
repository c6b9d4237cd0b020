using System.Text.Json.Serialization;

namespace Pi.Orleans.Contracts;

/// <summary>
/// A calculation as GET /api/calculate/{id} shows it (snake_case on the wire): the Api writes it, the Client reads it.
/// A request by precision carries its <c>target_error</c>; once completed, <c>half_width</c> and <c>target_met</c> say what it achieved.
/// </summary>
public sealed record Calculation
{
    /// <summary>The calculation's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>One of pending, running, completed, failed, cancelled.</summary>
    public required string Status { get; init; }

    /// <summary>single (one silo, one core) or distributed (chunks over the worker silos).</summary>
    public required string Mode { get; init; }

    /// <summary>The points to sample: as asked, or planned from the target error.</summary>
    public required long TotalPoints { get; init; }

    /// <summary>The seed of the sampling; the same seed and points give the same result.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Who chose the seed: request or service.</summary>
    public required string SeedSource { get; init; }

    /// <summary>The chunks the calculation is cut into.</summary>
    public required int ChunksTotal { get; init; }

    /// <summary>The chunks finished so far.</summary>
    public required int ChunksDone { get; init; }

    /// <summary>The points sampled so far.</summary>
    public required long PointsDone { get; init; }

    /// <summary>points_done / total_points, from 0 to 1.</summary>
    public required double Progress { get; init; }

    /// <summary>The estimate of π; null until completed.</summary>
    public required double? ResultPi { get; init; }

    /// <summary>The points that fell inside the quarter circle; null until completed.</summary>
    public required long? ResultInside { get; init; }

    /// <summary>The points sampled in all; null until completed.</summary>
    public required long? ResultTotal { get; init; }

    /// <summary>The standard error of the estimate; null until completed.</summary>
    public required double? StandardError { get; init; }

    /// <summary>The 95% confidence interval of the estimate; null until completed.</summary>
    [JsonPropertyName("confidence_interval_95")]
    public required ConfidenceInterval? ConfidenceInterval95 { get; init; }

    /// <summary>Milliseconds from start to finish (to now while running); null before it starts.</summary>
    public required double? DurationMs { get; init; }

    /// <summary>The silos that ran its chunks.</summary>
    public required IReadOnlyList<string> SilosUsed { get; init; }

    /// <summary>The chunk attempts that were retried.</summary>
    public required int ChunkRetries { get; init; }

    /// <summary>When it was accepted.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its first chunk started; null while pending.</summary>
    public required DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it reached a final status; null while pending or running.</summary>
    public required DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why it failed; null otherwise.</summary>
    public required string? Error { get; init; }

    /// <summary>The half-width of the 95% interval asked for; null for a request by points.</summary>
    public required double? TargetError { get; init; }

    /// <summary>The achieved half-width of the 95% interval (Z95 × standard error); null until completed.</summary>
    public required double? HalfWidth { get; init; }

    /// <summary>Whether half_width is at most target_error; null without a target or until completed.</summary>
    public required bool? TargetMet { get; init; }

    /// <summary>Seconds still needed at the cluster's measured speed: 0 once finished, null while unknown.</summary>
    public required double? EtaS { get; init; }

    /// <summary>Whether the calculation has reached a final status (completed, failed or cancelled).</summary>
    [JsonIgnore]
    public bool IsFinished => Status is not ("pending" or "running");
}
