using Pi.Orleans.Experiments.Faults;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>
/// Plays the schedule against the cluster, each fault at its time and concurrently with the faults still holding, and
/// keeps the cluster whole: a killed or stopped worker is replaced by a new one; a worker that exits after a partition or a
/// freeze (Orleans refuses a silo it declared dead) is replaced too. Targets are picked among the workers running and under
/// no other holding fault, with the schedule's pick, so the same seed picks the same way when the cluster is in the same state.
/// </summary>
public sealed partial class FaultInjector(ChaosCluster cluster, NetworkLab network, CpuThrottle throttle, Stopwatch clock, IAnsiConsole console)
{
    private readonly ConcurrentBag<FaultRecord> _done = [];
    private readonly ConcurrentDictionary<FaultKind, int> _active = new();

    /// <summary>The faults as they happened, by start.</summary>
    public IReadOnlyList<FaultRecord> Done => [.. _done.OrderBy(f => f.Start)];

    /// <summary>Faults holding now (for the timeline).</summary>
    public IReadOnlyList<FaultKind> Active => [.. _active.Where(a => a.Value > 0).Select(a => a.Key)];

    /// <summary>Runs every fault at its time; returns when the last one has ended and its repair is done.</summary>
    public async Task RunAsync(IReadOnlyList<ScheduledFault> schedule, CancellationToken cancellationToken)
    {
        var running = new List<Task>();
        foreach (var fault in schedule)
        {
            var wait = fault.At - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            running.Add(RunAsync(fault, cancellationToken));
        }

        await Task.WhenAll(running);
    }

    private async Task RunAsync(ScheduledFault fault, CancellationToken cancellationToken)
    {
        var start = clock.Elapsed.TotalSeconds;
        _active.AddOrUpdate(fault.Kind, 1, (_, n) => n + 1);
        string target = "-", outcome;
        try
        {
            (target, outcome) = await InjectAsync(fault, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcome = "ERROR: " + e.Message.Split('\n')[0];
        }
        finally
        {
            _active.AddOrUpdate(fault.Kind, 0, (_, n) => n - 1);
        }

        var record = new FaultRecord(start, clock.Elapsed.TotalSeconds, fault.Kind, target, outcome);
        _done.Add(record);
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"  {record.Start,6:0.0}s {record.Kind} {record.Target}: {record.Outcome}")));
    }

    private async Task<(string Target, string Outcome)> InjectAsync(ScheduledFault fault, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case FaultKind.RedisRestart:
                await cluster.RestartRedisAsync(fault.Hold, cancellationToken);
                return ("redis", $"SIGKILL, down {fault.Hold.TotalSeconds:0} s, restarted on its AOF");
            case FaultKind.ApiRestart:
                var clockStart = clock.Elapsed;
                await cluster.RestartApiAsync(cancellationToken);
                return ("api", $"SIGKILL, ready again after {(clock.Elapsed - clockStart).TotalSeconds:0.0} s");
            case FaultKind.Impairment when network.Isolated:
                var silos = cluster.Workers.Append(cluster.Api).Select(m => m.Node).ToList();
                var applied = network.Impair(silos);
                await Task.Delay(fault.Hold, cancellationToken);
                NetworkLab.Restore(silos);
                return ($"api + {silos.Count - 1} workers", $"{applied}, for {fault.Hold.TotalSeconds:0} s");
            case FaultKind.Partition or FaultKind.Impairment when !network.Isolated:
                return ("-", "skipped: no network namespaces (loopback)");
        }

        var count = fault.Kind == FaultKind.TwoWorkersKill ? 2 : 1;
        var victims = Pick(count, fault.Pick);
        if (victims.Count == 0)
        {
            return ("-", "skipped: no worker running and reachable");
        }

        var names = string.Join(" + ", victims.Select(v => v.Name));
        switch (fault.Kind)
        {
            case FaultKind.WorkerKill or FaultKind.TwoWorkersKill:
                foreach (var v in victims)
                {
                    v.ExpectedExit = true;
                    v.Process!.Kill();
                }

                return (names, $"SIGKILL; {await ReplaceAsync(cancellationToken)}");
            case FaultKind.WorkerStop:
                victims[0].ExpectedExit = true;
                var took = await victims[0].Process!.StopAsync(TimeSpan.FromSeconds(60));
                return (names, $"SIGTERM, exited after {took.TotalSeconds:0.0} s; {await ReplaceAsync(cancellationToken)}");
            case FaultKind.Freeze:
                return (names, await FreezeAsync(victims[0], fault.Hold, cancellationToken));
            case FaultKind.Slow:
                return (names, await SlowAsync(victims[0], fault.Hold, cancellationToken));
            default:
                return (names, await PartitionAsync(victims[0], fault.Hold, cancellationToken));
        }
    }

    private async Task<string> ReplaceAsync(CancellationToken cancellationToken)
    {
        var added = await cluster.ReplaceExitedWorkersAsync(cancellationToken);
        return added.Count == 0 ? "no replacement needed" : "started " + string.Join(", ", added.Select(a => $"{a.Name} ({a.Node.Address})"));
    }

    private List<ChaosMember> Pick(int count, int pick)
    {
        var eligible = cluster.Workers.Where(w => w.Holding is null).ToList();
        return [.. Enumerable.Range(0, Math.Min(count, eligible.Count)).Select(i => eligible[(pick + i) % eligible.Count])];
    }
}
