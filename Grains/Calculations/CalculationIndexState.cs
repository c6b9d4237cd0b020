namespace Pi.Orleans.Grains.Calculations;

/// <summary>The persisted entries of the calculation index.</summary>
[GenerateSerializer, Alias("pi.CalculationIndexState")]
internal sealed class CalculationIndexState
{
    [Id(0)] public Dictionary<Guid, CalculationSummary> Entries { get; set; } = [];
}
