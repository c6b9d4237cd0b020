namespace Pi.Orleans.Experiments.Chaos;

/// <summary>One fault of the seeded schedule: when (from the start of the load), what, how long it holds, and a pick among the eligible targets.</summary>
public sealed record ScheduledFault(TimeSpan At, FaultKind Kind, TimeSpan Hold, int Pick);
