namespace Pi.Orleans.Harness;

/// <summary>What a <see cref="LocalCluster"/> starts: which builds, how many workers, which ports, settings and arguments.</summary>
public sealed record LocalClusterOptions
{
    /// <summary>The built Api dll (its folder is the content root).</summary>
    public required string ApiDll { get; init; }

    /// <summary>The built Silo dll (its folder is the content root; another build, e.g. a ReadyToRun publish, may be given).</summary>
    public required string SiloDll { get; init; }

    /// <summary>
    /// Only the Api in its embedded default (in-memory storage, localhost clustering, chunks computed in the Api, no key), as
    /// `dotnet run --project Api`: no redis-server and no workers. The Api inherits this process's environment, so leave
    /// ConnectionStrings__Redis and Auth__ApiKeys__0 unset. Default: false.
    /// </summary>
    public bool Embedded { get; init; }

    /// <summary>Worker silos to start (none when <see cref="Embedded"/>). Default: 1.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Where each process writes its log (redis.log, api.log, worker-N.log). Default: none (output kept in memory).</summary>
    public string? LogDirectory { get; init; }

    /// <summary>The Orleans cluster id. Default: a new one, so that runs never see each other's members.</summary>
    public string ClusterId { get; init; } = "pi-local-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The key the Api accepts (Redis mode requires one). Default: a new random key.</summary>
    public string ApiKey { get; init; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>The Api's HTTP port. Default: a free port.</summary>
    public int? ApiPort { get; init; }

    /// <summary>redis-server's port. Default: a free port.</summary>
    public int? RedisPort { get; init; }

    /// <summary>Whether Redis keeps an append-only file, so that its restart keeps the data. Default: false.</summary>
    public bool RedisAppendOnly { get; init; }

    /// <summary>Extra command-line arguments of the Api (e.g. --Limits:SubmissionsPerMinutePerClient=1000). Default: none.</summary>
    public IReadOnlyList<string> ApiArguments { get; init; } = [];

    /// <summary>Extra command-line arguments of every worker (e.g. --Pi:Slots=1). Default: none.</summary>
    public IReadOnlyList<string> SiloArguments { get; init; } = [];

    /// <summary>Settings (environment variables) of the Api and every worker. Default: none.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Settings of the workers only, over <see cref="Environment"/>. Default: none.</summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Where each process runs, by its log name (redis, api, worker-N). Default: <see cref="LocalPlacement.Loopback"/> with
    /// <see cref="ApiPort"/> and <see cref="RedisPort"/> when given.
    /// </summary>
    public Func<string, LocalPlacement>? Placement { get; init; }

    /// <summary>
    /// When set, the silos reach Redis the way Aspire.Hosting.Orleans configures them, through Orleans' own provider configuration
    /// only (Orleans:Clustering, Reminders, GrainStorage:calculations, GrainDirectory:pi-chunks with this ServiceKey, and
    /// ConnectionStrings:&lt;key&gt;; Orleans:ClusterId, Name and Endpoints) instead of ConnectionStrings:Redis and "Cluster". Default: null.
    /// </summary>
    public string? OrleansProviderKey { get; init; }

    /// <summary>Whether the processes outlive this one (own session, output to <see cref="LogDirectory"/>, required then). Default: false.</summary>
    public bool Detached { get; init; }

    /// <summary>How long each process may take to get ready, and the Api to list every worker. Default: 120 s.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
