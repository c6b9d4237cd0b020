namespace Pi.Orleans.Core.Planning;

/// <summary>
/// The settings <see cref="ChunkPlanner"/> cuts a calculation by. The silo's validated options map to it (the defaults and
/// their reasons live there, as <c>Pi:*</c> configuration keys), so the planner needs no configuration of its own.
/// </summary>
public sealed record PlanningOptions
{
    /// <summary>Points per chunk while no slot knows its rate, or when <see cref="ChunkDuration"/> is zero.</summary>
    public required long ChunkPoints { get; init; }

    /// <summary>How long one chunk should take on a slot at the measured rate; zero cuts chunks by <see cref="ChunkPoints"/> only.</summary>
    public required TimeSpan ChunkDuration { get; init; }

    /// <summary>Most chunk completions per second one calculation aims at: with many slots, chunks grow past <see cref="ChunkDuration"/>.</summary>
    public required int MaxCompletionsPerSecond { get; init; }

    /// <summary>Most chunks in one calculation.</summary>
    public required int MaxChunks { get; init; }

    /// <summary>At least this many chunks per chunk-running slot when the points allow.</summary>
    public required int ChunksPerSlot { get; init; }

    /// <summary>The shortest chunk a plan cuts at the measured rate.</summary>
    public required TimeSpan MinChunkDuration { get; init; }

    /// <summary>How long one chunk attempt may take, before <see cref="ChunkTiming.Timeout"/> raises it for long chunks.</summary>
    public required TimeSpan ChunkTimeout { get; init; }
}
