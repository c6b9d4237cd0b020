using System.Globalization;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>
/// The soak's network: a Linux bridge and one network namespace per process joined to it by a veth pair (iproute2), so
/// every process has its own address and Orleans traffic never touches the host's loopback; or loopback alone when
/// namespaces cannot be made. Faults: a partition takes a node's link down; an impairment adds delay and loss between
/// silos (tc netem, or nftables loss when the kernel has no sch_netem). <see cref="Dispose"/> removes all of it, and
/// also runs when the process exits (Ctrl-C), so no namespace is left behind.
/// </summary>
public sealed class NetworkLab : IDisposable
{
    private const string NftTable = "pichaos";
    private readonly List<NetworkNode> _nodes = [];
    private readonly string _tag;
    private readonly string _subnet;
    private bool _disposed;

    private NetworkLab(string tag, string? subnet, string description)
    {
        _tag = tag;
        _subnet = subnet ?? "";
        Description = description;
        Isolated = subnet is not null;
        if (Isolated)
        {
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }
    }

    /// <summary>Whether each node has its own namespace (false: all on loopback, no network faults).</summary>
    public bool Isolated { get; }

    /// <summary>What the network is, for the report (and why it is loopback, if it is).</summary>
    public string Description { get; }

    /// <summary>The address the soak (in the host namespace) uses to reach the nodes' HTTP ports.</summary>
    public string HostAddress => Isolated ? _subnet + "1" : "127.0.0.1";

    /// <summary>Makes the bridge, or falls back to loopback when <paramref name="mode"/> allows it and namespaces cannot be made.</summary>
    public static NetworkLab Create(NetworkMode mode, string tag)
    {
        if (mode == NetworkMode.Loopback)
        {
            return new NetworkLab(tag, null, "loopback (asked for with --network loopback): partitions and delay/loss are skipped");
        }

        var subnet = FreeSubnet();
        var bridge = tag + "br";
        var (code, output) = Shell.Run("ip", "link", "add", bridge, "type", "bridge");
        if (code != 0)
        {
            var reason = $"`ip link add … type bridge` failed ({output})";
            return mode == NetworkMode.Namespaces
                ? throw new ExperimentException($"Network namespaces are not available: {reason}. Run as root with iproute2, or pass --network loopback.")
                : new NetworkLab(tag, null, $"loopback, because network namespaces are not available here: {reason}; partitions and delay/loss are skipped");
        }

        var lab = new NetworkLab(tag, subnet, $"one network namespace per process on bridge {bridge}, {subnet}0/24 (iproute2 veth pairs)");
        try
        {
            Shell.Must("ip", "addr", "add", subnet + "1/24", "dev", bridge);
            Shell.Must("ip", "link", "set", bridge, "up");
            lab.AcceptBridgedTraffic(insert: true);
        }
        catch
        {
            lab.Dispose();
            throw;
        }

        return lab;
    }

    /// <summary>A new host: a namespace with the next address, its link up; on loopback, 127.0.0.1.</summary>
    public NetworkNode AddNode(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!Isolated)
        {
            return new NetworkNode(name, "127.0.0.1", null, null);
        }

        lock (_nodes)
        {
            var n = _nodes.Count + 1;
            if (n > 250)
            {
                throw new ExperimentException("More than 250 hosts in one soak.");
            }

            var node = new NetworkNode(name, _subnet + (n + 1).ToString(CultureInfo.InvariantCulture), $"{_tag}-{name}", $"{_tag}{n}h");
            var inner = $"{_tag}{n}n";
            _nodes.Add(node);
            Shell.Must("ip", "netns", "add", node.Namespace!);
            Shell.Must("ip", "link", "add", node.HostLink!, "type", "veth", "peer", "name", inner);
            Shell.Must("ip", "link", "set", inner, "netns", node.Namespace!);
            Shell.Must("ip", "-n", node.Namespace!, "link", "set", inner, "name", "eth0");
            Shell.Must("ip", "-n", node.Namespace!, "addr", "add", node.Address + "/24", "dev", "eth0");
            Shell.Must("ip", "-n", node.Namespace!, "link", "set", "eth0", "up");
            Shell.Must("ip", "-n", node.Namespace!, "link", "set", "lo", "up");
            Shell.Must("ip", "link", "set", node.HostLink!, "master", _tag + "br");
            Shell.Must("ip", "link", "set", node.HostLink!, "up");
            return node;
        }
    }

    /// <summary>Cuts the node off the bridge: every packet to or from it is dropped until <see cref="Heal"/>.</summary>
    public void Partition(NetworkNode node) => Shell.Must("ip", "link", "set", node.HostLink!, "down");

    /// <summary>Puts the node back on the bridge.</summary>
    public void Heal(NetworkNode node) => Shell.Must("ip", "link", "set", node.HostLink!, "up");

    /// <summary>
    /// Delay 50 ms and loss 1% on every packet a silo sends to another silo (tc netem on each silo's link; Redis and the
    /// soak's own HTTP calls are spared only in the nftables fallback). Returns what was applied.
    /// </summary>
    public string Impair(IReadOnlyList<NetworkNode> silos)
    {
        var netem = silos.Select(s => Shell.Run("ip", "netns", "exec", s.Namespace!, "tc", "qdisc", "add", "dev", "eth0", "root", "netem", "delay", "50ms", "loss", "1%")).ToList();
        if (netem.All(r => r.Code == 0))
        {
            return "tc netem delay 50ms loss 1% on every silo's link";
        }

        Restore(silos);
        var why = netem.First(r => r.Code != 0).Output;
        var addresses = string.Join(", ", silos.Select(s => s.Address));
        if (Shell.Run("nft", "--version").Code != 0)
        {
            return $"nothing: tc netem failed ({why}) and nft is missing (apt-get install nftables)";
        }

        foreach (var s in silos)
        {
            Shell.Must("ip", "netns", "exec", s.Namespace!, "nft", "add", "table", "inet", NftTable);
            Shell.Must("ip", "netns", "exec", s.Namespace!, "nft", "add", "chain", "inet", NftTable, "out", "{ type filter hook output priority 0; }");
            Shell.Must("ip", "netns", "exec", s.Namespace!, "nft", "add", "rule", "inet", NftTable, "out", "ip", "daddr", $"{{ {addresses} }}", "numgen", "random", "mod", "100", "<", "1", "drop");
        }

        return $"loss 1% between silos with nftables (numgen random); no delay: tc netem is not available in this kernel ({why})";
    }

    /// <summary>Removes the impairment from the nodes (whichever kind was applied).</summary>
    public static void Restore(IEnumerable<NetworkNode> silos)
    {
        foreach (var s in silos)
        {
            Shell.Run("ip", "netns", "exec", s.Namespace!, "tc", "qdisc", "del", "dev", "eth0", "root");
            Shell.Run("ip", "netns", "exec", s.Namespace!, "nft", "delete", "table", "inet", NftTable);
        }
    }

    /// <summary>Deletes every namespace (their veth pairs go with them) and the bridge. Idempotent.</summary>
    public void Dispose()
    {
        lock (_nodes)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (!Isolated)
            {
                return;
            }

            foreach (var node in _nodes)
            {
                Shell.Run("ip", "netns", "del", node.Namespace!);
            }

            AcceptBridgedTraffic(insert: false);
            Shell.Run("ip", "link", "del", _tag + "br");
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }
    }

    /// <summary>The namespaces this lab made that still exist (for tests: none after <see cref="Dispose"/>).</summary>
    public static IReadOnlyList<string> Leftovers(string tag) =>
        [.. Shell.Run("ip", "netns", "list").Output.Split('\n').Select(l => l.Split(' ')[0]).Where(n => n.StartsWith(tag + "-", StringComparison.Ordinal))];

    // With br_netfilter on (dockerd turns it on), frames between the bridge's ports pass the iptables FORWARD chain, and dockerd
    // sets that chain's policy to DROP when it has to enable IP forwarding itself: the silos could then no longer reach each other.
    // An explicit ACCEPT for this bridge holds whatever the policy is and whenever dockerd starts (its own chains only act on its
    // bridges). Without iptables there is no such chain to pass, so a failure here is ignored.
    private void AcceptBridgedTraffic(bool insert)
    {
        var bridge = _tag + "br";
        Shell.Run("iptables", "-w", insert ? "-I" : "-D", "FORWARD", "-i", bridge, "-o", bridge, "-j", "ACCEPT");
    }

    // 10.X.Y.0/24 not already on any link of this host.
    private static string FreeSubnet()
    {
        var used = Shell.Run("ip", "-4", "-o", "addr").Output;
        var start = Environment.ProcessId;
        for (var i = 0; i < 1000; i++)
        {
            var k = (start + i) % 25_000;
            var subnet = $"10.{200 + (k / 250 % 50)}.{k % 250}.";
            if (!used.Contains(" " + subnet, StringComparison.Ordinal))
            {
                return subnet;
            }
        }

        throw new ExperimentException("No free 10.x.y.0/24 subnet for the soak's bridge.");
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
