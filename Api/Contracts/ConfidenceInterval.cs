namespace Pi.Orleans.Api.Contracts;

/// <summary>A two-sided interval around the estimate.</summary>
public sealed record ConfidenceInterval(double Low, double High);
