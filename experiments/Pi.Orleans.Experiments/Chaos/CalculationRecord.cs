namespace Pi.Orleans.Experiments.Chaos;

/// <summary>One calculation the soak submitted and the API accepted, and everything later learned about it.</summary>
public sealed class CalculationRecord(Guid id, string mode, ulong seed, long points, double submittedAt)
{
    public Guid Id => id;

    public string Mode => mode;

    public ulong Seed => seed;

    public long Points => points;

    /// <summary>Seconds of soak time when the API accepted it.</summary>
    public double SubmittedAt => submittedAt;

    /// <summary>Seconds of soak time when it was first seen in a final status.</summary>
    public double? FinishedAt { get; set; }

    public string Status { get; set; } = "pending";

    public long? ResultInside { get; set; }

    public int ChunksTotal { get; set; }

    public int ChunkRetries { get; set; }

    public string? Error { get; set; }

    /// <summary>Reads that answered 404 for this accepted id (a lost calculation).</summary>
    public int NotFound { get; set; }

    /// <summary>The count for (seed, points), computed in-process after the soak.</summary>
    public long? Expected { get; set; }

    /// <summary>Chunk attempts the workers' logs show computed for it, and chunk indexes computed more than once.</summary>
    public int AttemptsComputed { get; set; }

    public int ChunksComputedTwice { get; set; }

    public bool IsFinal => Status is "completed" or "failed" or "cancelled";
}
