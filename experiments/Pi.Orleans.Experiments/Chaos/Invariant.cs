namespace Pi.Orleans.Experiments.Chaos;

/// <summary>One thing the soak must show; <paramref name="Detail"/> says what was seen.</summary>
public sealed record Invariant(string Name, bool Held, string Detail);
