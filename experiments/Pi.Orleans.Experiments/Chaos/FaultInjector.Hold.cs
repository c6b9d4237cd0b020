using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Chaos;

// The faults that hold on one worker: a partition, a freeze, a slow-down. Each watches the Api's list while it holds, then
// whether the worker, back to normal, was refused as dead and exits, and replaces what exited.
public sealed partial class FaultInjector
{
    private static readonly TimeSpan FateWatch = TimeSpan.FromSeconds(30);

    private async Task<string> PartitionAsync(ChaosMember worker, TimeSpan hold, CancellationToken cancellationToken)
    {
        worker.Holding = FaultKind.Partition;
        network.Partition(worker.Node);
        int listed;
        try
        {
            listed = await FewestListedAsync(hold, cancellationToken);
        }
        finally
        {
            network.Heal(worker.Node);
            worker.Holding = null;
        }

        return $"link down {hold.TotalSeconds:0} s; {await AfterwardsAsync(worker, listed, "the heal", cancellationToken)}";
    }

    private async Task<string> FreezeAsync(ChaosMember worker, TimeSpan hold, CancellationToken cancellationToken)
    {
        var pid = worker.Process!.Id;
        worker.Holding = FaultKind.Freeze;
        OsProcess.Pause(pid);
        int listed;
        try
        {
            listed = await FewestListedAsync(hold, cancellationToken);
        }
        finally
        {
            OsProcess.Resume(pid);
            worker.Holding = null;
        }

        return $"SIGSTOP for {hold.TotalSeconds:0} s, then SIGCONT; {await AfterwardsAsync(worker, listed, "SIGCONT", cancellationToken)}";
    }

    private async Task<string> SlowAsync(ChaosMember worker, TimeSpan hold, CancellationToken cancellationToken)
    {
        worker.Holding = FaultKind.Slow;
        var listed = int.MaxValue;
        string applied;
        try
        {
            applied = await throttle.HoldAsync(worker.Process!.Id, worker.Name, async () => listed = await FewestListedAsync(hold, cancellationToken));
        }
        finally
        {
            worker.Holding = null;
        }

        return $"CPU cut to 30% ({applied}) for {hold.TotalSeconds:0} s, then restored; {await AfterwardsAsync(worker, listed, "the restore", cancellationToken)}";
    }

    // The fewest chunk-running silos the Api listed, read every second for the hold.
    private async Task<int> FewestListedAsync(TimeSpan hold, CancellationToken cancellationToken)
    {
        var fewest = int.MaxValue;
        var until = clock.Elapsed + hold;
        while (clock.Elapsed < until)
        {
            fewest = Math.Min(fewest, await cluster.ListedWorkersAsync(cancellationToken) ?? int.MaxValue);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        return fewest;
    }

    private async Task<string> AfterwardsAsync(ChaosMember worker, int listedDuring, string back, CancellationToken cancellationToken)
    {
        var dropped = listedDuring < cluster.Workers.Count;

        // A silo that was declared dead learns it from the membership table once it runs and reaches it again, and stops.
        // One the Api kept listing was not declared dead: once the Api lists every running worker, there is nothing to wait for.
        var watch = clock.Elapsed + FateWatch;
        while (worker.IsRunning && clock.Elapsed < watch && (dropped || await cluster.ListedWorkersAsync(cancellationToken) != cluster.Workers.Count))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        var fate = !worker.IsRunning ? $"exited after {back} (refused as dead)"
            : clock.Elapsed < watch ? "listed again"
            : $"still running {FateWatch.TotalSeconds:0} s after {back} (rejoined or still suspect)";
        if (!worker.IsRunning)
        {
            worker.ExpectedExit = true;
        }

        return $"{(dropped ? "the Api's list dropped it meanwhile" : "the Api kept listing it")}; {fate}; {await ReplaceAsync(cancellationToken)}";
    }
}
