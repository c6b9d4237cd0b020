namespace Pi.Orleans;

/// <summary>A progress update pushed to watchers: counts so far and the silos computing this calculation's chunks now.</summary>
[GenerateSerializer, Immutable, Alias("pi.CalculationProgress")]
public sealed record CalculationProgress(
    Guid Id,
    CalculationStatus Status,
    int ChunksDone,
    int ChunksTotal,
    long PointsDone,
    long Inside,
    long TotalPoints,
    IReadOnlyList<string> SilosWorking,
    IReadOnlyList<string> SilosUsed);
