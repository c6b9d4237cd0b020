using Pi.Orleans.Grains.Scheduling;

namespace Pi.Orleans.Simulation;

/// <summary>Something that happens at a virtual time.</summary>
public abstract record SimulationEvent
{
    /// <summary>An attempt ends, well or not; <paramref name="Generation"/> is the activation that sent it; <paramref name="Forced"/>: its silo failed.</summary>
    public sealed record AttemptEnds(ChunkDispatch Dispatch, int Generation, bool Succeeds, bool Forced = false) : SimulationEvent;

    /// <summary>A silo's lifetime ends: it fails or leaves.</summary>
    public sealed record SiloEnds(SimulatedSilo Silo) : SimulationEvent;

    /// <summary>A replacement silo joins.</summary>
    public sealed record SiloJoins : SimulationEvent;

    /// <summary>The calculation's activation crashes.</summary>
    public sealed record Crash : SimulationEvent;
}
