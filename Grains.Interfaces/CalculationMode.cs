namespace Pi.Orleans;

/// <summary>How a calculation is run: on one silo and one core, or fanned out over the cluster.</summary>
public enum CalculationMode
{
    /// <summary>The whole calculation on one silo, one core.</summary>
    Single = 0,

    /// <summary>Chunks spread over the worker silos.</summary>
    Distributed = 1,
}
