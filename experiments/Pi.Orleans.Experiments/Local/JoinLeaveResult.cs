using Pi.Orleans.Contracts;

namespace Pi.Orleans.Experiments.Local;

/// <summary>The join/leave calculation: when it was submitted, the workers that joined and left, and how it ended.</summary>
public sealed record JoinLeaveResult(double Submitted, Calculation Final, IReadOnlyList<JoinRecord> Joins);
