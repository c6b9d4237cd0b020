using Pi.Orleans.Core.Scheduling;

namespace Pi.Orleans.Simulation;

/// <summary>One chunk attempt on its way through a <see cref="SimulatedSilo"/>: waiting for a slot, running, then ended.</summary>
public sealed class SimulatedAttempt(ChunkDispatch dispatch, int generation, SimulatedSilo silo, long points, DateTimeOffset deadline)
{
    /// <summary>What the scheduler sent.</summary>
    public ChunkDispatch Dispatch { get; } = dispatch;

    /// <summary>The calculation's activation that sent it.</summary>
    public int Generation { get; } = generation;

    /// <summary>The silo it was sent to.</summary>
    public SimulatedSilo Silo { get; } = silo;

    /// <summary>The chunk's points.</summary>
    public long Points { get; } = points;

    /// <summary>When the calculation stops waiting for it (the chunk timeout).</summary>
    public DateTimeOffset Deadline { get; } = deadline;

    /// <summary>How long it computes once it has a slot.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Whether it has ended for the calculation: its result, failure, timeout or cancellation was handled.</summary>
    public bool Ended { get; set; }

    /// <summary>When it got its slot.</summary>
    public DateTimeOffset StartedAt { get; internal set; }

    /// <summary>When it ends if nothing stops it (while it runs on a silo that is not frozen).</summary>
    public DateTimeOffset EndsAt { get; internal set; }

    /// <summary>Bumped whenever its end moves or is called off: an end event of an older version is stale.</summary>
    public int Version { get; internal set; }

    /// <summary>Its place in its silo's line while it waits for a slot.</summary>
    internal LinkedListNode<SimulatedAttempt>? Waiting { get; set; }

    /// <summary>Compute time left when its silo froze.</summary>
    internal TimeSpan Remaining { get; set; }
}
