namespace Pi.Orleans.Experiments.Chaos;

/// <summary>One second of the soak: distributed calculations in flight, calculations ended so far, workers running and listed, faults holding.</summary>
public sealed record TimelineSample(double Time, int InFlight, int Completed, int Failed, int SinglesAnswered, int WorkersRunning, int? WorkersListed, string Faults);
