namespace Pi.Orleans;

/// <summary>What a user asked for: a point count, a mode and the seed the random streams derive from; and who asked (for per-client limits).</summary>
[GenerateSerializer, Immutable, Alias("pi.CalculationRequest")]
public sealed record CalculationRequest(long TotalPoints, CalculationMode Mode, ulong Seed, bool SeedChosenByService, string? Client = null);
