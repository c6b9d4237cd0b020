using Pi.Orleans.Grains;

namespace Pi.Orleans.Simulation;

/// <summary>One simulated run: the cluster, the calculation and the churn.</summary>
/// <param name="Silos">Worker silos at the start (and kept near this count by replacements).</param>
/// <param name="SlotsPerSilo">Chunk slots per silo.</param>
/// <param name="TotalPoints">Points of the one calculation.</param>
/// <param name="SlotRate">Points per second one slot computes.</param>
/// <param name="MeanSiloLifetime">Mean of a silo's exponential lifetime; it then fails or leaves, and a replacement joins.</param>
/// <param name="FailShare">Share of the ended lifetimes that are failures (the rest are graceful leaves).</param>
/// <param name="RejoinDelay">How long after a silo ends its replacement joins.</param>
/// <param name="FailureNoticedAfter">How long the calls to a failed silo take to fail (connection loss or death declared).</param>
/// <param name="CrashAt">Share of the ideal time at which the calculation's activation crashes and resumes from storage; null: never.</param>
/// <param name="Seed">Seed of the churn, the stragglers and the chunk durations.</param>
/// <param name="SlowShare">Share of the starting silos that are <paramref name="SlowFactor"/> times slower (at least one when above 0); their replacements are as slow.</param>
/// <param name="SlowFactor">How many times slower a slow silo is.</param>
/// <param name="FrozenShare">Share of the starting silos (at least one when above 0) that freeze once, at a random time in the first half of the ideal time: they neither compute nor answer, then go on.</param>
/// <param name="FrozenFor">How long a frozen silo stays frozen.</param>
public sealed record SimulationOptions(
    int Silos,
    int SlotsPerSilo = 8,
    long TotalPoints = 10_000_000_000_000_000,
    double SlotRate = 2e9,
    TimeSpan? MeanSiloLifetime = null,
    double FailShare = 0.5,
    TimeSpan? RejoinDelay = null,
    TimeSpan? FailureNoticedAfter = null,
    double? CrashAt = 0.5,
    int Seed = 16,
    double SlowShare = 0,
    double SlowFactor = 5,
    double FrozenShare = 0,
    TimeSpan? FrozenFor = null)
{
    /// <summary>The service's options the run uses (the defaults: 1 s chunks, 2 in flight per slot, a write per second).</summary>
    public PiOptions Pi { get; init; } = new();

    /// <summary>The lifetime mean, 2 h unless set: at 1,000 silos about one silo ends every 7 s.</summary>
    public TimeSpan Lifetime => MeanSiloLifetime ?? TimeSpan.FromHours(2);

    /// <summary>The replacement delay, 30 s unless set.</summary>
    public TimeSpan Rejoin => RejoinDelay ?? TimeSpan.FromSeconds(30);

    /// <summary>The failure notice, 10 s unless set.</summary>
    public TimeSpan Noticed => FailureNoticedAfter ?? TimeSpan.FromSeconds(10);

    /// <summary>How long a frozen silo stays frozen, 60 s unless set.</summary>
    public TimeSpan Freeze => FrozenFor ?? TimeSpan.FromSeconds(60);

    /// <summary>How many of the starting silos are slow.</summary>
    public int SlowSilos => CountOf(SlowShare);

    /// <summary>How many of the starting silos freeze (none of them slow, as far as the silos allow).</summary>
    public int FrozenSilos => CountOf(FrozenShare);

    private int CountOf(double share) => share > 0 ? Math.Clamp((int)Math.Round(share * Silos), 1, Silos) : 0;
}
