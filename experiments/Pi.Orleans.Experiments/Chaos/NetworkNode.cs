namespace Pi.Orleans.Experiments.Chaos;

/// <summary>
/// One host of the soak: its own network namespace with one address on the soak's bridge (<paramref name="Namespace"/> and
/// <paramref name="HostLink"/>, the bridge side of its veth pair), or plain loopback when both are null.
/// </summary>
public sealed record NetworkNode(string Name, string Address, string? Namespace, string? HostLink)
{
    /// <summary>The command prefix that runs a program on this host: inside its namespace (ip netns exec execs, so the pid is the program's); none on plain loopback.</summary>
    public IReadOnlyList<string> Prefix => Namespace is null ? [] : ["ip", "netns", "exec", Namespace];
}
