using Pi.Orleans.Harness;

namespace Pi.Orleans.Cli.Cluster;

/// <summary>Starts a detached local cluster (the harness's <see cref="LocalCluster"/>) and records it in the state directory.</summary>
public static class ClusterUp
{
    /// <summary>Starts the cluster the request describes, waits until the Api lists every worker, and writes the state file.</summary>
    public static async Task<ClusterState> RunAsync(ClusterUpRequest request, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(request.StateDirectory).FullName;
        if (ClusterState.Read(directory) is { } existing && existing.Processes.Any(p => OsProcess.IsRunning(p.Pid, p.Marker)))
        {
            throw new HarnessException($"A cluster is already up ({Path.Combine(directory, ClusterState.FileName)}, {existing.Url}); run `pi cluster down` first.");
        }

        var hosts = HostBinaries.Find(request.RepositoryRoot, request.Configuration);
        var siloDll = request.SiloDirectory is { } dir ? Path.GetFullPath(Path.Combine(dir, "Pi.Orleans.Silo.dll")) : hosts.SiloDll;
        if (!File.Exists(siloDll))
        {
            throw new HarnessException($"{siloDll} is missing; --silo-dir must hold a Silo build.");
        }

        var options = new LocalClusterOptions
        {
            ApiDll = hosts.ApiDll,
            SiloDll = siloDll,
            Workers = request.Embedded ? 0 : request.Workers,
            Embedded = request.Embedded,
            ApiPort = request.ApiPort,
            RedisPort = request.RedisPort,
            RedisAppendOnly = request.RedisAppendOnly,
            ApiArguments = request.ApiArguments,
            SiloArguments = request.SiloArguments,
            LogDirectory = directory,
            Detached = true,
        };
        // The harness draws a new cluster id and key unless they were given.
        options = options with
        {
            ClusterId = request.ClusterId ?? options.ClusterId,
            ApiKey = request.ApiKey ?? options.ApiKey,
        };
        var cluster = await LocalCluster.StartAsync(options, cancellationToken);
        // Not disposed: the processes outlive this one; `pi cluster down` stops them.
        ClusterProcess[] redis = cluster.IsEmbedded
            ? []
            : [new(ClusterProcess.RedisRole, ClusterProcess.RedisRole, cluster.Redis.Process.Id, cluster.Redis.Port, null, null, Path.Combine(directory, "redis.log"), "redis-server")];
        var state = new ClusterState(cluster.ApiAddress.ToString().TrimEnd('/'), cluster.IsEmbedded ? null : cluster.ApiKey, cluster.ClusterId,
        [
            .. redis,
            .. cluster.Workers.Select(w => Describe(w, ClusterProcess.WorkerRole, siloDll)),
            Describe(cluster.Api, ClusterProcess.ApiRole, hosts.ApiDll),
        ]);
        state.Write(directory);
        return state;
    }

    private static ClusterProcess Describe(LocalMember member, string role, string dll) =>
        new(member.Name, role, member.Process.Id, member.Ports.Http, member.Ports.Silo, member.Ports.Gateway, member.LogPath!, dll);
}
