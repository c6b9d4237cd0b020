using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>One process slot of the soak: its host (namespace and address), the harness's process slot there, and what the soak did to it.</summary>
public sealed class ChaosMember(string name, ChaosRole role, NetworkNode node, Func<HostProcess?> process, Func<int> starts)
{
    public string Name => name;

    public ChaosRole Role => role;

    public NetworkNode Node => node;

    /// <summary>The process now, or the last one.</summary>
    public HostProcess? Process => process();

    /// <summary>How many processes were started here.</summary>
    public int Starts => starts();

    /// <summary>The holding fault on it now (partition, freeze, slow), or null; no other fault picks it meanwhile.</summary>
    public FaultKind? Holding { get; set; }

    /// <summary>Whether the soak itself ended the current process (kill, stop, or refused as dead after a partition or a freeze).</summary>
    public bool ExpectedExit { get; set; }

    public bool IsRunning => Process is { HasExited: false };

    /// <summary>The soak's view of a redis-server of the harness.</summary>
    public static ChaosMember Of(RedisServer redis, NetworkNode node) => new("redis", ChaosRole.Redis, node, () => redis.Process, () => redis.Starts);

    /// <summary>The soak's view of an Api or worker of the harness.</summary>
    public static ChaosMember Of(LocalMember member, ChaosRole role, NetworkNode node) => new(node.Name, role, node, () => member.Process, () => member.Starts);
}
