namespace Pi.Orleans;

/// <summary>An index entry for listing calculations without waking every calculation grain.</summary>
[GenerateSerializer, Immutable, Alias("pi.CalculationSummary")]
public sealed record CalculationSummary(Guid Id, CalculationStatus Status, DateTimeOffset CreatedAt, string? Client = null);
