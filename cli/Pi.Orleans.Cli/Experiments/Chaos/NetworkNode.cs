namespace Pi.Orleans.Cli.Experiments.Chaos;

/// <summary>
/// One host of the soak: its own network namespace with one address on the soak's bridge (<paramref name="Namespace"/> and
/// <paramref name="HostLink"/>, the bridge side of its veth pair), or plain loopback when both are null.
/// </summary>
public sealed record NetworkNode(string Name, string Address, string? Namespace, string? HostLink)
{
    /// <summary>The command line that runs <paramref name="file"/> on this host: inside its namespace (ip netns exec execs, so the pid is the program's).</summary>
    public (string File, IReadOnlyList<string> Arguments) Command(string file, IEnumerable<string> arguments) =>
        Namespace is null ? (file, [.. arguments]) : ("ip", ["netns", "exec", Namespace, file, .. arguments]);
}
