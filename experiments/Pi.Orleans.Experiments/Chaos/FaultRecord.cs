namespace Pi.Orleans.Experiments.Chaos;

/// <summary>A fault as it happened: start and end in seconds of soak time, the target, and what came of it.</summary>
public sealed record FaultRecord(double Start, double End, FaultKind Kind, string Target, string Outcome);
