namespace Pi.Orleans.Harness;

/// <summary>How a <see cref="RedisServer"/> runs.</summary>
public sealed record RedisServerOptions
{
    /// <summary>The port. Default: a free loopback port.</summary>
    public int? Port { get; init; }

    /// <summary>The address it binds. Default: 127.0.0.1.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Where it keeps its data. Default: a new temporary folder, deleted on dispose.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>A command that execs the rest (e.g. `ip netns exec ns`). Default: none.</summary>
    public IReadOnlyList<string> Prefix { get; init; } = [];

    /// <summary>Whether writes go to an append-only file, so that a restart keeps them. Default: true.</summary>
    public bool AppendOnly { get; init; } = true;

    /// <summary>A file for its output. Default: none (the last lines are kept in memory).</summary>
    public string? LogPath { get; init; }

    /// <summary>Whether the server outlives this process (see <see cref="HostProcess.StartDetached"/>; needs <see cref="LogPath"/>). Default: false.</summary>
    public bool Detached { get; init; }
}
