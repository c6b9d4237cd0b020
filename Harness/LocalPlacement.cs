namespace Pi.Orleans.Harness;

/// <summary>
/// Where one process of a <see cref="LocalCluster"/> runs: the address it binds and advertises, a command prefix that execs the
/// rest (e.g. `ip netns exec ns`, so that the process id stays the program's), and its ports.
/// </summary>
public sealed record LocalPlacement(string Host, IReadOnlyList<string> Prefix, LocalPorts Ports)
{
    /// <summary>127.0.0.1, no prefix, free ports (or the given HTTP port; for redis-server, its port).</summary>
    public static LocalPlacement Loopback(int? port = null) => new("127.0.0.1", [], LocalPorts.Free(port));
}
