namespace Pi.Orleans;

/// <summary>Where the one <see cref="ICalculationIndexGrain"/> lives.</summary>
public static class CalculationIndex
{
    /// <summary>The key of the index grain.</summary>
    public const long Key = 0;
}
