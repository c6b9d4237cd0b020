namespace Pi.Orleans.Client;

/// <summary>The 95% confidence interval of an estimate.</summary>
public sealed record ConfidenceInterval(double Low, double High);
