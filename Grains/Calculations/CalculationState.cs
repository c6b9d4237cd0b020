using Pi.Orleans.Grains.History;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>The persisted state of one calculation; per-chunk results are keyed by chunk index, so a retry overwrites.</summary>
[GenerateSerializer, Alias("pi.CalculationState")]
public sealed class CalculationState : IHistoryRecord
{
    [Id(0)] public CalculationRequest? Request { get; set; }
    [Id(1)] public CalculationStatus Status { get; set; }
    [Id(2)] public Dictionary<int, ChunkEntry> Chunks { get; set; } = [];
    [Id(3)] public List<string> Silos { get; set; } = [];
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public DateTimeOffset? StartedAt { get; set; }
    [Id(6)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(7)] public string? Error { get; set; }
    [Id(8)] public long BlocksPerChunk { get; set; }
    [Id(9)] public int ChunksTotal { get; set; }
    [Id(10)] public int ChunkRetries { get; set; }

    // Explicit, so that the JSON storage serializer does not write it.
    bool IHistoryRecord.IsFinished => !Status.IsActive();
}
