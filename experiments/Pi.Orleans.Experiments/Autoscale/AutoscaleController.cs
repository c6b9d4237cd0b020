using System.Diagnostics;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;
using Pi.Orleans.Experiments.Local;
using Pi.Orleans.Experiments.Simulation;
using Pi.Orleans.Harness;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>
/// The closed loop: every period it reads the metric from the live cluster, runs the simulator's HPA code on it (replica calculation,
/// tolerance, stabilization, policies, unready pods) and applies the result. Scale-up starts a worker process (bound to the least used
/// CPU); scale-down sends SIGTERM to the worker with the lowest pod-deletion cost and lets it exit within the grace period.
/// </summary>
public sealed class AutoscaleController(string metric, ExperimentCluster cluster, AutoscaleOptions options, Stopwatch clock, IAnsiConsole console)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly HorizontalPodAutoscaler _hpa = new(options.Hpa);
    private readonly List<AutoscaleWorker> _workers = [];
    private readonly List<ControlDecision> _decisions = [];
    private readonly List<Task> _background = [];

    /// <summary>Every worker the run started, in order.</summary>
    public IReadOnlyList<AutoscaleWorker> Workers
    {
        get
        {
            lock (_workers)
            {
                return [.. _workers];
            }
        }
    }

    public IReadOnlyList<ControlDecision> Decisions
    {
        get
        {
            lock (_decisions)
            {
                return [.. _decisions];
            }
        }
    }

    /// <summary>Replicas now: workers started and not told to stop.</summary>
    public int Replicas => Workers.Count(w => w.IsLive);

    /// <summary>Whether a stopped worker is still exiting.</summary>
    public bool Stopping => Workers.Any(w => w.Terminating is not null && w.Exited is null);

    /// <summary>Starts the minimum replicas and waits until they are ready and listed.</summary>
    public async Task StartMinimumAsync(CancellationToken cancellationToken)
    {
        var started = Enumerable.Range(0, options.Hpa.MinReplicas).Select(_ => StartWorker(cancellationToken)).ToList();
        await Task.WhenAll(started.Select(w => w.Process.WaitReadyAsync(ReadyTimeout, cancellationToken)));
        await cluster.WaitActiveWorkersAsync(options.Hpa.MinReplicas, cancellationToken);
    }

    /// <summary>Syncs every period until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Period);
        try
        {
            do
            {
                await SyncAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    /// <summary>Waits for the workers' readiness probes and exits still under way.</summary>
    public Task DrainAsync()
    {
        lock (_background)
        {
            return Task.WhenAll(_background);
        }
    }

    private double Now => clock.Elapsed.TotalSeconds;

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var info = await ReadClusterAsync(cancellationToken);
        var alive = Workers.Where(w => w.Exited is null).ToList();
        foreach (var w in alive)
        {
            w.ReadCpu(now);
            if (info?.Silos.FirstOrDefault(s => s.Name == w.Name) is { } silo)
            {
                (w.SlotsUsed, w.SlotsQueued) = (silo.SlotsUsed, silo.SlotsQueued);
                w.ChunksCompleted = Math.Max(w.ChunksCompleted, silo.ChunksCompleted);
                w.Listed ??= now;
            }
        }

        var live = alive.Where(w => w.IsLive).ToList();
        var (wanted, value, reading) = metric == AutoscaleMetric.Cpu ? ReadCpu(live.Count, alive, now) : await ReadBacklogAsync(live.Count, cancellationToken);
        var decision = _hpa.Reconcile(now, live.Count, wanted);
        var actions = new List<string>();
        var costs = new List<int>();
        while (live.Count < decision.DesiredReplicas)
        {
            var w = StartWorker(cancellationToken);
            live.Add(w);
            actions.Add($"start {w.Name}" + (w.Cpu is { } c ? $" on CPU {c}" : ""));
        }

        while (live.Count > decision.DesiredReplicas)
        {
            var victim = DeletionOrder.Pick([.. live.Select(w => new DeletionCandidate(w.Name, w.Ready is not null, w.DeletionCost, w.Started))]);
            var w = live.Single(x => x.Name == victim.Name);
            live.Remove(w);
            Stop(w, now);
            costs.Add(victim.Cost);
            actions.Add($"stop {w.Name} (cost {victim.Cost}{(victim.Ready ? "" : ", not ready")})");
        }

        var action = string.Join("; ", actions);
        lock (_decisions)
        {
            _decisions.Add(new ControlDecision(now, value, reading, decision, action, costs));
        }

        if (actions.Count > 0)
        {
            console.MarkupLine(Markup.Escape($"[{metric} {now:0.0} s] {value:0.##} → {decision.CurrentReplicas} → {decision.DesiredReplicas} replicas ({decision.Reason}): {action}"));
        }
    }

    private (int? Wanted, double? Value, string Reading) ReadCpu(int current, List<AutoscaleWorker> alive, double now)
    {
        var window = options.EffectiveMetricWindow.TotalSeconds;
        var r = ReplicaCalculator.Cpu(current, [.. alive.Select(w => w.Sample(window, options.CpuRequestMillicores))], options.TargetCpuPercent, now, options.Hpa.Tolerance);
        return (r.Replicas, r.ReadyPods > 0 ? r.UtilizationPercent : null,
            $"{r.ReadyPods} ready, {r.UnreadyPods} unready, {r.MissingPods} missing, {r.IgnoredPods} ignored");
    }

    private async Task<(int? Wanted, double? Value, string Reading)> ReadBacklogAsync(int current, CancellationToken cancellationToken)
    {
        try
        {
            var s = await cluster.Api.ScalingAsync(cancellationToken);
            return (ReplicaCalculator.ExternalAverageValue(current, s.DesiredWorkers, options.BacklogTarget, options.Hpa.Tolerance), s.DesiredWorkers,
                $"used {s.SlotsUsed}, queued {s.SlotsQueued}, pending chunks {s.PendingChunks}");
        }
        catch (Exception e) when (IsTransient(e, cancellationToken))
        {
            return (null, null, "no answer from /api/scaling");
        }
    }

    private async Task<ClusterInfo?> ReadClusterAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await cluster.Api.ClusterAsync(cancellationToken);
        }
        catch (Exception e) when (IsTransient(e, cancellationToken))
        {
            return null;
        }
    }

    private AutoscaleWorker StartWorker(CancellationToken cancellationToken)
    {
        var alive = Workers.Where(w => w.Exited is null).ToList();
        int? cpu = options.Pin && ExperimentCluster.CanPinWorkers
            ? Enumerable.Range(0, Environment.ProcessorCount).MinBy(c => alive.Count(w => w.Cpu == c))
            : null;
        var worker = new AutoscaleWorker(cluster.StartWorker(cpu), cpu, Now);
        lock (_workers)
        {
            _workers.Add(worker);
        }

        Background(TrackReadyAsync(worker, cancellationToken));
        return worker;
    }

    private async Task TrackReadyAsync(AutoscaleWorker worker, CancellationToken cancellationToken)
    {
        try
        {
            await worker.Process.WaitReadyAsync(ReadyTimeout, cancellationToken);
            worker.Ready = Now;
        }
        catch (HostProcessException e)
        {
            worker.Failed = worker.Terminating is null;
            if (worker.Failed)
            {
                console.MarkupLine($"[red]{Markup.Escape(worker.Name)} did not become ready:[/] {Markup.Escape(e.Message)}");
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended first.
        }
    }

    private void Stop(AutoscaleWorker worker, double now)
    {
        worker.Terminating = now;
        Background(StopAsync(worker));
    }

    private async Task StopAsync(AutoscaleWorker worker)
    {
        var took = await worker.Process.StopAsync(options.GracePeriod);
        worker.Exited = worker.Terminating + took.TotalSeconds;
    }

    private void Background(Task task)
    {
        lock (_background)
        {
            _background.Add(task);
        }
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or ApiException or System.Text.Json.JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
