using System.Diagnostics;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;
using Pi.Orleans.Experiments.Load;

namespace Pi.Orleans.Experiments.Local;

/// <summary>
/// Samples the running local cluster every interval: /api/cluster, /api/scaling, the progress of the tracked calculations and
/// each worker process's CPU; keeps the timeline, the per-worker rows, and when each silo first got work.
/// </summary>
public sealed class ClusterSampler(ExperimentCluster cluster, Stopwatch clock, TimeSpan interval)
{
    private static readonly double ThroughputWindow = 2.0;
    private readonly Dictionary<Guid, (long Points, long Done, bool Finished)> _tracked = [];
    private readonly Dictionary<string, TimeSpan> _cpu = [];
    private readonly Dictionary<string, SiloFirsts> _firsts = [];
    private readonly List<(double T, long Done)> _doneHistory = [];
    private double _lastTime;
    private LoadRun? _load;

    public string Phase { get; set; } = "start";

    public List<TimelineRow> Rows { get; } = [];

    public List<PodRow> Pods { get; } = [];

    /// <summary>Adds a calculation to the submitted and finished points of the timeline.</summary>
    public void Track(Calculation calculation)
    {
        lock (_tracked)
        {
            _tracked[calculation.Id] = (calculation.TotalPoints, calculation.PointsDone, calculation.IsFinished);
        }
    }

    /// <summary>At each sample while <paramref name="load"/> runs, tracks its accepted calculations and takes its phase.</summary>
    public void Follow(LoadRun load) => _load = load;

    public SiloFirsts Firsts(string silo)
    {
        lock (_firsts)
        {
            return _firsts.TryGetValue(silo, out var f) ? f : new SiloFirsts();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _lastTime = clock.Elapsed.TotalSeconds;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or ApiException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException)
            {
                // A missed sample (busy Api, a silo leaving, a process exiting under the reading) leaves a gap, not a failure.
            }

            try
            {
                await Task.Delay(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        FollowLoad();
        var info = await cluster.Api.ClusterAsync(cancellationToken);
        ScalingInfo? scaling = null;
        try
        {
            scaling = await cluster.Api.ScalingAsync(cancellationToken);
        }
        catch (ApiException e) when (e.StatusCode == 404)
        {
            // An Api without the scaling signal: those columns stay 0.
        }

        var (submitted, done) = await ProgressAsync(cancellationToken);
        var now = clock.Elapsed.TotalSeconds;
        var dt = Math.Max(now - _lastTime, 1e-3);
        _lastTime = now;

        var workers = cluster.Workers;
        var bySilo = info.Silos.Where(s => s.RunsChunks).ToDictionary(s => s.Name);
        var totalCpu = 0.0;
        foreach (var w in workers)
        {
            var cpu = w.CpuTime;
            var cores = _cpu.TryGetValue(w.Name, out var before) ? (cpu - before).TotalSeconds / dt : 0;
            _cpu[w.Name] = cpu;
            totalCpu += cores;
            var silo = bySilo.GetValueOrDefault(w.Name);
            Pods.Add(new PodRow(now, w.Name, silo is not null, cores, silo?.SlotsUsed ?? 0, silo?.SlotsQueued ?? 0, silo?.ChunksCompleted ?? 0));
        }

        lock (_firsts)
        {
            foreach (var s in bySilo.Values)
            {
                var f = _firsts.TryGetValue(s.Name, out var known) ? known : _firsts[s.Name] = new SiloFirsts();
                f.Listed ??= now;
                f.Busy ??= s.SlotsUsed > 0 || s.ChunksCompleted > 0 ? now : null;
                f.ChunkCompleted ??= s.ChunksCompleted > 0 ? now : null;
            }
        }

        _doneHistory.Add((now, done));
        var (t0, done0) = _doneHistory.LastOrDefault(h => h.T <= now - ThroughputWindow, _doneHistory[0]);
        var rate = now - t0 > 1e-3 ? (done - done0) / (now - t0) : 0;
        Rows.Add(new TimelineRow(now, Phase, workers.Count, bySilo.Count, info.SlotsTotal, info.SlotsUsed, info.SlotsQueued,
            scaling?.PendingChunks ?? 0, scaling?.DesiredWorkers ?? 0, submitted, done, rate, totalCpu));
    }

    private void FollowLoad()
    {
        if (_load is not { } load)
        {
            return;
        }

        if (!load.Result.IsCompleted && load.Phase is { } phase)
        {
            Phase = phase;
        }

        lock (_tracked)
        {
            foreach (var c in load.Calculations)
            {
                _tracked.TryAdd(c.Latest.Id, (c.Latest.TotalPoints, c.Latest.PointsDone, c.Latest.IsFinished));
            }
        }
    }

    private async Task<(long Submitted, long Done)> ProgressAsync(CancellationToken cancellationToken)
    {
        List<Guid> open;
        lock (_tracked)
        {
            open = [.. _tracked.Where(t => !t.Value.Finished).Select(t => t.Key)];
        }

        foreach (var id in open)
        {
            var c = await cluster.Api.GetAsync(id, cancellationToken);
            lock (_tracked)
            {
                _tracked[id] = (c.TotalPoints, c.PointsDone, c.IsFinished);
            }
        }

        lock (_tracked)
        {
            return (_tracked.Values.Sum(t => t.Points), _tracked.Values.Sum(t => t.Done));
        }
    }
}
