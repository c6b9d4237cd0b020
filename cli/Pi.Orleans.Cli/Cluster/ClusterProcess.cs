namespace Pi.Orleans.Cli.Cluster;

/// <summary>
/// One process of a cluster brought up by `pi cluster up`: role (redis, worker or api), process id, ports, log file, and a marker
/// its command line holds, so that a process id reused by another program is never signalled.
/// </summary>
public sealed record ClusterProcess(string Name, string Role, int Pid, int Port, int? SiloPort, int? GatewayPort, string Log, string Marker)
{
    /// <summary>The role of redis-server.</summary>
    public const string RedisRole = "redis";

    /// <summary>The role of a worker silo.</summary>
    public const string WorkerRole = "worker";

    /// <summary>The role of the Api (front silo).</summary>
    public const string ApiRole = "api";
}
