namespace Pi.Orleans.Grains;

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Calculation state and the calculation index.</summary>
    public const string Calculations = "calculations";
}
