namespace Pi.Orleans.Grains.Calculations;

/// <summary>The counts of one finished chunk and the index of its silo in <see cref="CalculationState.Silos"/>, as states kept them before they became bounded.</summary>
[GenerateSerializer, Immutable, Alias("pi.ChunkEntry")]
public sealed record ChunkEntry(long Inside, long Total, int Silo);
