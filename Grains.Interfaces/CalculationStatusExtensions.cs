namespace Pi.Orleans;

/// <summary>Questions about a <see cref="CalculationStatus"/>.</summary>
public static class CalculationStatusExtensions
{
    /// <summary>Whether a calculation with this status is still pending or running.</summary>
    public static bool IsActive(this CalculationStatus status) => status is CalculationStatus.Pending or CalculationStatus.Running;
}
