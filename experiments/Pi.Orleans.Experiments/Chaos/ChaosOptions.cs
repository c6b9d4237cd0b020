namespace Pi.Orleans.Experiments.Chaos;

/// <summary>Settings of `experiments chaos`; <see cref="Short"/> is the 2-minute mode and <see cref="ForTests"/> the 60-second one.</summary>
public sealed record ChaosOptions
{
    /// <summary>How long load runs and faults are injected; afterwards the soak heals everything and drains.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Seed of the fault schedule, the targets and the load.</summary>
    public int Seed { get; init; } = 20_260_314;

    /// <summary>Workers kept running (a killed or stopped one is replaced by a new host).</summary>
    public int Workers { get; init; } = 3;

    /// <summary>Pi:Slots of each worker.</summary>
    public int SlotsPerWorker { get; init; } = 1;

    /// <summary>Pi:ChunkPoints of the hosts (2^27: a 2e10-point calculation has 150 chunks).</summary>
    public long ChunkPoints { get; init; } = 1L << 27;

    /// <summary>Distributed calculations kept in flight by the load.</summary>
    public int DistributedInFlight { get; init; } = 4;

    /// <summary>Where the processes live.</summary>
    public NetworkMode Network { get; init; } = NetworkMode.Auto;

    /// <summary>How long the soak waits, after the last fault, for every accepted calculation to end.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Prefix of the namespaces, links and bridge (short: Linux link names have at most 15 characters).</summary>
    public string Tag { get; init; } = "pc" + (Environment.ProcessId % 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string? RepositoryRoot { get; init; }

    public string Configuration { get; init; } = "Release";

    /// <summary>The 2-minute mode.</summary>
    public static ChaosOptions Short => new() { Duration = TimeSpan.FromMinutes(2) };

    /// <summary>The test suite's mode: 60 s, fixed seed, smaller calculations.</summary>
    public static ChaosOptions ForTests => new() { Duration = TimeSpan.FromSeconds(60), DrainTimeout = TimeSpan.FromMinutes(4) };
}
