namespace Pi.Orleans.Contracts;

/// <summary>A two-sided interval around the estimate.</summary>
public sealed record ConfidenceInterval
{
    /// <summary>The lower bound.</summary>
    public required double Low { get; init; }

    /// <summary>The upper bound.</summary>
    public required double High { get; init; }
}
