namespace Pi.Orleans.Experiments.Chaos;

/// <summary>Everything a soak produced, for the report and the test; <see cref="Answers"/> is the load's tally by request kind and status code.</summary>
public sealed record ChaosResult(
    ChaosOptions Options,
    string Network,
    string Slowing,
    IReadOnlyList<ScheduledFault> Schedule,
    IReadOnlyList<FaultRecord> Faults,
    IReadOnlyList<CheckedCalculation> Calculations,
    IReadOnlyList<(string Request, string Answer, int Count)> Answers,
    IReadOnlyList<TimelineSample> Timeline,
    IReadOnlyList<MemoryReading> Memory,
    IReadOnlyList<string> UnexpectedExits,
    IReadOnlyList<Invariant> Invariants,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    string LogDirectory)
{
    public bool Passed => Invariants.All(i => i.Held);
}
