using Pi.Orleans.Experiments.Load;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>
/// One calculation the soak's load had accepted, as the load last saw it (<paramref name="Load"/>), checked: its count computed
/// here (<paramref name="Expected"/>), and the chunk attempts the workers' logs show computed for it and chunk indexes computed twice.
/// </summary>
public sealed record CheckedCalculation(TrackedCalculation Load, long Expected, int AttemptsComputed, int ChunksComputedTwice)
{
    public Guid Id => Load.Latest.Id;

    public string Mode => Load.Request.Mode;

    public ulong Seed => Load.Seed;

    public long Points => Load.Request.Points;

    /// <summary>Seconds of soak time when the Api accepted it.</summary>
    public double SubmittedAt => Load.SubmittedAtS;

    /// <summary>Seconds of soak time when it was first seen in a final status.</summary>
    public double? FinishedAt => Load.FinishedAtS;

    public string Status => Load.Latest.Status;

    public long? ResultInside => Load.Latest.ResultInside;

    public int ChunksTotal => Load.Latest.ChunksTotal;

    public int ChunkRetries => Load.Latest.ChunkRetries;

    public string? Error => Load.Latest.Error;

    /// <summary>Reads that answered 404 for this accepted id (a lost calculation).</summary>
    public int NotFound => Load.NotFound;

    public bool IsFinal => Load.IsFinal;
}
