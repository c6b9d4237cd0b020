namespace Pi.Orleans;

/// <summary>Everything known about one calculation: request, progress and, once completed, the estimate.</summary>
[GenerateSerializer, Immutable, Alias("pi.CalculationSnapshot")]
public sealed record CalculationSnapshot(
    Guid Id,
    CalculationRequest Request,
    CalculationStatus Status,
    int ChunksTotal,
    int ChunksDone,
    long Inside,
    long PointsDone,
    IReadOnlyList<string> SilosUsed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    int ChunkRetries);
