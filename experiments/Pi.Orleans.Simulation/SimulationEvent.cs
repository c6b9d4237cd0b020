namespace Pi.Orleans.Simulation;

/// <summary>Something that happens at a virtual time.</summary>
public abstract record SimulationEvent
{
    /// <summary>An attempt's computation ends, unless its <paramref name="Version"/> is stale (its silo froze, or it was called off).</summary>
    public sealed record AttemptEnds(SimulatedAttempt Attempt, int Version) : SimulationEvent;

    /// <summary>An attempt fails: its silo failed and the calculation noticed.</summary>
    public sealed record AttemptFails(SimulatedAttempt Attempt) : SimulationEvent;

    /// <summary>A silo's lifetime ends: it fails or leaves.</summary>
    public sealed record SiloEnds(SimulatedSilo Silo) : SimulationEvent;

    /// <summary>A replacement silo joins, as fast as the one it replaces.</summary>
    public sealed record SiloJoins(double Speed) : SimulationEvent;

    /// <summary>A silo freezes: it neither computes nor answers until it thaws.</summary>
    public sealed record Freezes(SimulatedSilo Silo) : SimulationEvent;

    /// <summary>A frozen silo goes on where it stopped.</summary>
    public sealed record Thaws(SimulatedSilo Silo) : SimulationEvent;

    /// <summary>The calculation's activation crashes.</summary>
    public sealed record Crash : SimulationEvent;
}
