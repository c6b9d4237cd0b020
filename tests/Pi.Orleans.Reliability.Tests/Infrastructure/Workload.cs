namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>
/// The calculation every reliability test runs: one seed, and as many chunks of 2^25 points as the cluster finishes in about
/// <see cref="TargetDuration"/> undisturbed (measured once, see <see cref="PiCluster.ReferenceAsync"/>), so that faults land
/// mid-calculation on a fast idle machine and on a slow busy one alike.
/// </summary>
public static class Workload
{
    /// <summary>How long an undisturbed calculation should take.</summary>
    public static readonly TimeSpan TargetDuration = TimeSpan.FromSeconds(5);

    /// <summary>Fewest chunks: progress points stay distinct.</summary>
    public const int MinChunks = 150;

    /// <summary>Most chunks: the state stays small.</summary>
    public const int MaxChunks = 1500;

    /// <summary>The seed; the same for every run, so every run must give the reference count.</summary>
    public const ulong Seed = 20_260_314;

    /// <summary>The bound on any one calculation, faults included; never waited for in the normal case.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
}
