namespace Pi.Orleans.Core.Scheduling;

/// <summary>
/// The settings <see cref="ChunkScheduler"/> fans a calculation out by. The silo's validated options map to it (the defaults
/// and their reasons live there, as <c>Pi:*</c> configuration keys).
/// </summary>
public sealed record SchedulingOptions
{
    /// <summary>Chunk calls in flight per slot of the silos that run chunks (distributed mode).</summary>
    public required int InFlightPerSlot { get; init; }

    /// <summary>Attempts per chunk before the calculation fails.</summary>
    public required int MaxChunkAttempts { get; init; }

    /// <summary>How long a calculation waits while no silo runs chunks before it fails.</summary>
    public required TimeSpan NoWorkersTimeout { get; init; }

    /// <summary>When stragglers are duplicated (distributed mode).</summary>
    public required Speculation Speculation { get; init; }
}
