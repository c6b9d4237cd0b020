namespace Pi.Orleans.Cli.Cluster;

/// <summary>What `pi cluster up` was asked for.</summary>
public sealed record ClusterUpRequest(string StateDirectory, int Workers)
{
    /// <summary>The Api's HTTP port (default: a free one).</summary>
    public int? ApiPort { get; init; }

    /// <summary>redis-server's port (default: a free one).</summary>
    public int? RedisPort { get; init; }

    /// <summary>Only the Api in its embedded default (no Redis, no workers, no key).</summary>
    public bool Embedded { get; init; }

    /// <summary>Whether Redis keeps an append-only file.</summary>
    public bool RedisAppendOnly { get; init; }

    /// <summary>Extra arguments of the Api.</summary>
    public IReadOnlyList<string> ApiArguments { get; init; } = [];

    /// <summary>Extra arguments of every worker.</summary>
    public IReadOnlyList<string> SiloArguments { get; init; } = [];

    /// <summary>A folder with another Silo build (default: Silo/bin/{configuration}/net10.0).</summary>
    public string? SiloDirectory { get; init; }

    /// <summary>The Orleans cluster id (default: a new one).</summary>
    public string? ClusterId { get; init; }

    /// <summary>The key the Api accepts (default: a new random key).</summary>
    public string? ApiKey { get; init; }

    /// <summary>The repository root (default: found above the current folder).</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>The build configuration of the hosts.</summary>
    public string Configuration { get; init; } = "Release";
}
