using Pi.Orleans.Contracts;

namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// An accepted calculation: the phase and request that made it, its seed, when it was accepted and seen final (seconds since
/// the run began), and its latest known state.
/// </summary>
public sealed record TrackedCalculation(string Phase, RequestShape Request, ulong Seed, double SubmittedAtS, Calculation Latest, double? FinishedAtS)
{
    /// <summary>Whether it has reached a final status.</summary>
    public bool IsFinal => Latest.IsFinished;

    /// <summary>Whether it ended failed or cancelled.</summary>
    public bool Failed => Latest.Status is "failed" or "cancelled";
}
