using Pi.Orleans.Harness;

namespace Pi.Orleans.Cli.Experiments.Chaos;

/// <summary>One process slot of the soak: its host (namespace and address), its ports, and the process running there now.</summary>
public sealed class ChaosMember(string name, ChaosRole role, NetworkNode node, int httpPort, int siloPort, int gatewayPort)
{
    public string Name => name;

    public ChaosRole Role => role;

    public NetworkNode Node => node;

    public int HttpPort => httpPort;

    public int SiloPort => siloPort;

    public int GatewayPort => gatewayPort;

    /// <summary>The process now, or the last one.</summary>
    public HostProcess? Process { get; set; }

    /// <summary>How many processes were started here.</summary>
    public int Starts { get; set; }

    /// <summary>Whether the member is cut off the network now.</summary>
    public bool Partitioned { get; set; }

    /// <summary>Whether the soak itself ended the current process (kill, stop, or refused after a partition).</summary>
    public bool ExpectedExit { get; set; }

    public bool IsRunning => Process is { HasExited: false };
}
