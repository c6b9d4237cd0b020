namespace Pi.Orleans.Simulation;

/// <summary>What one simulated run measured.</summary>
/// <param name="Options">The run.</param>
/// <param name="ChunksTotal">Chunks in the plan.</param>
/// <param name="ChunkSeconds">Planned seconds per chunk.</param>
/// <param name="Completions">Successful attempts, recorded or lost to the crash.</param>
/// <param name="Recomputed">Chunks computed more than once (lost in the crash, and results already recorded).</param>
/// <param name="Retries">Failed attempts that went out again.</param>
/// <param name="SilosFailed">Silos that failed during the run.</param>
/// <param name="SilosLeft">Silos that left gracefully during the run.</param>
/// <param name="PeakInFlight">Most attempts in flight at once.</param>
/// <param name="Elapsed">Virtual time to finish.</param>
/// <param name="Ideal">Total work ÷ the starting silos' capacity (slots × rate × speed), a frozen silo's counted as 0 while it is frozen (<see cref="IdealTime"/>).</param>
/// <param name="SchedulerSeconds">CPU seconds spent in the scheduler and the state (dispatch, results, records).</param>
/// <param name="PersistSeconds">CPU seconds spent serializing the state for its writes.</param>
/// <param name="ProcessSeconds">CPU seconds of the whole simulated run, event queue and churn included.</param>
/// <param name="Writes">State writes.</param>
/// <param name="BytesWritten">JSON bytes written over the run (Redis mode).</param>
/// <param name="PeakStateJson">Largest JSON state written.</param>
/// <param name="PeakStateBinary">Largest binary state (embedded mode's copy), at the same writes.</param>
/// <param name="PeakRanges">Most done ranges above the watermark.</param>
/// <param name="CountsMatch">Whether the final sums equal every chunk counted exactly once, and no result was accepted twice.</param>
/// <param name="Resumes">How often the calculation resumed from its stored state after a crash.</param>
/// <param name="Speculated">Duplicate attempts sent to stragglers.</param>
/// <param name="SpeculativeWins">Chunks whose duplicate attempt ended first.</param>
/// <param name="SlowSilos">Starting silos that were slow.</param>
/// <param name="FrozenSilos">Silos that froze.</param>
public sealed record SimulationResult(
    SimulationOptions Options,
    int ChunksTotal,
    double ChunkSeconds,
    long Completions,
    long Recomputed,
    long Retries,
    int SilosFailed,
    int SilosLeft,
    int PeakInFlight,
    TimeSpan Elapsed,
    TimeSpan Ideal,
    double SchedulerSeconds,
    double PersistSeconds,
    double ProcessSeconds,
    long Writes,
    long BytesWritten,
    int PeakStateJson,
    int PeakStateBinary,
    int PeakRanges,
    bool CountsMatch,
    int Resumes,
    int Speculated,
    int SpeculativeWins,
    int SlowSilos,
    int FrozenSilos)
{
    /// <summary>Scheduler and state CPU per completion, in microseconds.</summary>
    public double SchedulerMicrosPerCompletion => SchedulerSeconds * 1e6 / Math.Max(1, Completions);

    /// <summary>The whole simulator's CPU per completion, in microseconds: an upper bound of the scheduler's share that a loaded machine does not inflate.</summary>
    public double ProcessMicrosPerCompletion => ProcessSeconds * 1e6 / Math.Max(1, Completions);
}
