namespace Pi.Orleans.Experiments.Local;

/// <summary>What the local experiment runs: the worker ladder, the join/leave run, and where the hosts and outputs are.</summary>
public sealed record LocalExperimentOptions
{
    /// <summary>Most worker processes (the ladder runs 1..Workers). Default: 2, one per core here.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Points of each ladder calculation. Default: 2·10^10.</summary>
    public long Points { get; init; } = 20_000_000_000;

    /// <summary>Ladder calculations per worker count. Default: 1.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>Whether to run the join/leave calculation after the ladder. Default: true.</summary>
    public bool JoinLeave { get; init; } = true;

    /// <summary>
    /// Points of the join/leave calculation; null sizes it from the ladder's 1-worker throughput and a worker's measured start-up so
    /// that the worker joins and leaves well before it ends. Default: null.
    /// </summary>
    public long? JoinPoints { get; init; }

    /// <summary>Seconds after submitting the join/leave calculation before the next worker is started. Default: 5.</summary>
    public double JoinAfterSeconds { get; init; } = 5;

    /// <summary>Seconds the joined workers compute (after their first chunk) before they are stopped. Default: 10.</summary>
    public double LeaveAfterSeconds { get; init; } = 10;

    /// <summary>Pi:ChunkPoints for the hosts; null keeps the service default (2^29). Default: null.</summary>
    public long? ChunkPoints { get; init; }

    /// <summary>Seed of every calculation, so that results can be compared bit for bit. Default: 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Time between two samples of /api/cluster, /api/scaling and the workers' CPU. Default: 200 ms.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The repository root (holds Pi.Orleans.sln); null finds it above the current folder or the tool. Default: null.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>The build configuration of the hosts' dlls. Default: Release.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>The output folder for the CSV, SVG and report files. Default: results/local under the repository.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Whether this is the short smoke run (--quick). Default: false.</summary>
    public bool Quick { get; init; }

    /// <summary>The CI smoke settings: 2 workers, small calculations and chunks, short waits; well under a minute.</summary>
    public static LocalExperimentOptions QuickDefaults { get; } = new()
    {
        Workers = 2,
        Points = 4_000_000_000,
        ChunkPoints = 1 << 25,
        JoinAfterSeconds = 1,
        LeaveAfterSeconds = 1.5,
        Quick = true,
    };
}
