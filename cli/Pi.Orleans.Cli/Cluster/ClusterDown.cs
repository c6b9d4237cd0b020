using Pi.Orleans.Harness;

namespace Pi.Orleans.Cli.Cluster;

/// <summary>Stops what `pi cluster up` started: the silos first (SIGTERM, then SIGKILL past the bound), Redis last.</summary>
public static class ClusterDown
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Stops the processes of the state directory's cluster and removes its state file; returns how many were running, or null when no cluster was up.</summary>
    public static async Task<int?> RunAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        if (ClusterState.Read(stateDirectory) is not { } state)
        {
            return null;
        }

        var running = state.Processes.Where(p => OsProcess.IsRunning(p.Pid, p.Marker)).ToList();
        // Silos first, Redis last: a silo that loses Redis while it stops waits out a timeout on every membership and reminder call.
        await Task.WhenAll(running.Where(p => p.Role != ClusterProcess.RedisRole).Select(p => OsProcess.StopAsync(p.Pid, StopTimeout, cancellationToken)));
        await Task.WhenAll(running.Where(p => p.Role == ClusterProcess.RedisRole).Select(p => OsProcess.StopAsync(p.Pid, StopTimeout, cancellationToken)));
        ClusterState.Delete(stateDirectory);
        return running.Count;
    }
}
