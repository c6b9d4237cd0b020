namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>A calculation the load submitted: its step's phase, when it went in (run clock, s), and its final state once known.</summary>
public sealed record SubmittedCalculation(string Phase, double SubmittedAt, Contracts.Calculation Calculation)
{
    /// <summary>When the run saw it finished (run clock, s).</summary>
    public double? FinishedAt { get; init; }
}
