namespace Pi.Orleans.Experiments.Local;

/// <summary>One worker process at one sample: listed by the Api or not, its CPU (cores), slots and completed chunks.</summary>
public sealed record PodRow(double TimeSeconds, string Worker, bool Listed, double CpuCores, int SlotsUsed, int SlotsQueued, long ChunksCompleted);
