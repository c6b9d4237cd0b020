using Pi.Orleans.Contracts;

namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// An accepted calculation: the phase and request that made it, its seed, when it was accepted and seen final (seconds since
/// the run began), its latest known state, and how many reads of it the Api answered 404 (a lost calculation).
/// </summary>
public sealed record TrackedCalculation(string Phase, RequestShape Request, ulong Seed, double SubmittedAtS, Calculation Latest, double? FinishedAtS, int NotFound = 0)
{
    /// <summary>Whether it has reached a final status.</summary>
    public bool IsFinal => Latest.IsFinished;

    /// <summary>Whether it ended failed or cancelled.</summary>
    public bool Failed => Latest.Status is "failed" or "cancelled";
}
