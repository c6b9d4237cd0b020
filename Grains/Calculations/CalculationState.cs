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

    /// <summary>Stores the counts of chunk <paramref name="index"/>; a retried chunk overwrites its entry and is never counted twice.</summary>
    public void Record(int index, ChunkResult result)
    {
        var silo = Silos.IndexOf(result.Silo);
        if (silo < 0)
        {
            Silos.Add(result.Silo);
            silo = Silos.Count - 1;
        }

        Chunks[index] = new ChunkEntry(result.Inside, result.Total, silo);
    }

    /// <summary>Inside and sampled points over the finished chunks.</summary>
    public (long Inside, long Done) Counts()
    {
        long inside = 0, done = 0;
        foreach (var chunk in Chunks.Values)
        {
            inside += chunk.Inside;
            done += chunk.Total;
        }

        return (inside, done);
    }

    // Explicit, so that the JSON storage serializer does not write it.
    bool IHistoryRecord.IsFinished => !Status.IsActive();
}
