using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Stops a `dotnet run --project AppHost` and what it started. The orchestrator (DCP) detaches from the AppHost and stops the
/// Api, workers and redis-server itself once the AppHost it monitors is gone; it is waited for so that runs do not overlap.
/// </summary>
public static class AppHostStop
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(LoggedProcess runner)
    {
        var processes = ProcessTree.Snapshot();
        var tree = ProcessTree.Tree(processes, runner.Pid);
        var dcp = ProcessTree.Orchestrator(processes, tree);
        // SIGTERM lets the AppHost shut down as on Ctrl+C (the host stops its resources before it exits).
        Send(tree, OsProcess.Terminate);
        if (dcp is int orchestrator && !await ProcessTree.WaitGoneAsync(orchestrator, Patience))
        {
            // It did not clean up on its own: its tree gets SIGTERM, then SIGKILL.
            var left = ProcessTree.Tree(ProcessTree.Snapshot(), orchestrator);
            Send(left, OsProcess.Terminate);
            if (!await ProcessTree.WaitGoneAsync(orchestrator, TimeSpan.FromSeconds(15)))
            {
                Send(left, OsProcess.Kill);
            }
        }

        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await runner.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            runner.Kill();
        }
    }

    // To every pid given; one already gone is no error.
    private static void Send(IEnumerable<int> pids, Action<int> signal)
    {
        foreach (var pid in pids)
        {
            signal(pid);
        }
    }
}
