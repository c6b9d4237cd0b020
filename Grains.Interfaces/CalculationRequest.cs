namespace Pi.Orleans;

/// <summary>
/// What a user asked for: a point count, a mode and the seed the random streams derive from; who asked (for per-client limits);
/// and, for a request by precision, the target half-width of the 95% interval the point count was planned from.
/// </summary>
[GenerateSerializer, Immutable, Alias("pi.CalculationRequest")]
public sealed record CalculationRequest(long TotalPoints, CalculationMode Mode, ulong Seed, bool SeedChosenByService, string? Client = null, double? TargetError = null);
