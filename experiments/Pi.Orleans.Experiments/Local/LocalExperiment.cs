using System.Diagnostics;
using Pi.Orleans.Contracts;
using Pi.Orleans.Experiments.Output;
using Pi.Orleans.Harness;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Local;

/// <summary>
/// The local scale-out experiment: a ladder of calculations at 1..N workers (adding one worker per step), then one calculation that
/// a worker joins and later leaves, all sampled into a timeline.
/// </summary>
public sealed class LocalExperiment(IAnsiConsole console, LocalExperimentOptions options)
{
    private readonly Stopwatch _clock = new();
    private readonly List<(string, string)> _loads = [];
    private double _workerStartup = 10;

    public async Task<LocalResult> RunAsync(CancellationToken cancellationToken)
    {
        if (options.Workers < 1)
        {
            throw new ExperimentException("--workers must be at least 1.");
        }

        var hosts = HostBinaries.Find(options.RepositoryRoot, options.Configuration);
        var logs = Directory.CreateTempSubdirectory("pi-experiment-").FullName;
        var startedAt = DateTimeOffset.UtcNow;
        Load("start");
        console.MarkupLine($"Hosts: [grey]{Markup.Escape(hosts.ApiDll)}[/]; process logs in [grey]{Markup.Escape(logs)}[/] (kept if the run fails)");
        _clock.Start();
        await using var cluster = new ExperimentCluster(hosts, options, logs);
        await cluster.StartAsync(1, cancellationToken);
        console.MarkupLine($"Cluster up after {_clock.Elapsed.TotalSeconds:0.0} s: redis-server, the Api and worker-1.");

        var sampler = new ClusterSampler(cluster, _clock, options.SampleInterval);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = sampler.RunAsync(stopSampling.Token);
        try
        {
            sampler.Phase = "warm-up";
            await RunCalculationAsync(cluster, sampler, Math.Min(options.Points, 2 * (options.ChunkPoints ?? 536_870_912L)), cancellationToken);
            var ladder = await RunLadderAsync(cluster, sampler, cancellationToken);
            Load("after ladder");
            var joinLeave = options.JoinLeave && options.Workers > 1 ? await new JoinLeaveRun(console, options, _clock).RunAsync(cluster, sampler, JoinPoints(ladder), cancellationToken) : null;
            if (joinLeave is not null)
            {
                Load("after join/leave");
            }

            // Warm and with nothing to do: the workers' idle CPU, for the simulation.
            sampler.Phase = "idle";
            await Task.Delay(TimeSpan.FromSeconds(options.Quick ? 1.5 : 5), cancellationToken);
            await stopSampling.CancelAsync();
            await sampling;
            return new LocalResult(options, MachineInfo.Describe(), startedAt, _loads, ladder, joinLeave, sampler.Rows, sampler.Pods, logs);
        }
        finally
        {
            await stopSampling.CancelAsync();
            await sampling;
        }
    }

    private async Task<List<LadderRow>> RunLadderAsync(ExperimentCluster cluster, ClusterSampler sampler, CancellationToken cancellationToken)
    {
        var rows = new List<LadderRow>();
        for (var workers = 1; workers <= options.Workers; workers++)
        {
            if (workers > 1)
            {
                sampler.Phase = $"add-worker-{workers}";
                var started = _clock.Elapsed.TotalSeconds;
                await cluster.StartWorker().WaitReadyAsync(TimeSpan.FromSeconds(120), cancellationToken);
                _workerStartup = _clock.Elapsed.TotalSeconds - started;
                await cluster.WaitActiveWorkersAsync(workers, cancellationToken);
            }

            for (var run = 1; run <= options.Repeats; run++)
            {
                sampler.Phase = $"ladder-{workers}";
                var start = _clock.Elapsed.TotalSeconds;
                var cpuBefore = cluster.Workers.Sum(w => w.CpuTime.TotalSeconds);
                var c = await RunCalculationAsync(cluster, sampler, options.Points, cancellationToken);
                var end = _clock.Elapsed.TotalSeconds;
                var cpuSeconds = cluster.Workers.Sum(w => w.CpuTime.TotalSeconds) - cpuBefore;
                var duration = (c.DurationMs ?? (end - start) * 1000) / 1000;
                var row = new LadderRow(workers, run, c.TotalPoints, end - start, duration, c.TotalPoints / duration, cpuSeconds, c.ResultPi, c.ResultInside,
                    c.ChunkRetries, c.SilosUsed ?? [], MachineInfo.LoadAverage().One);
                rows.Add(row);
                console.MarkupLine($"Ladder: {workers} worker(s), run {run}: {duration:0.00} s, {row.PointsPerSecond:0.###e0} points/s on {row.WorkerCores:0.00} worker cores, π = {c.ResultPi:F8}");
            }
        }

        return rows;
    }

    /// <summary>
    /// The join/leave size: given, or enough for one worker to compute through the wait, two start-ups of a worker, twice (first chunk
    /// + leave wait) and 10 s more, at the ladder's 1-worker throughput; in whole 10^9 points.
    /// </summary>
    private long JoinPoints(List<LadderRow> ladder)
    {
        if (options.JoinPoints is { } given)
        {
            return given;
        }

        var rate = ladder.Where(r => r.Workers == 1).Average(r => r.PointsPerSecond);
        var seconds = options.JoinAfterSeconds + (2 * _workerStartup) + (2 * (options.LeaveAfterSeconds + 3)) + 10;
        return (long)Math.Ceiling(rate * seconds / 1e9) * 1_000_000_000;
    }

    private async Task<Calculation> RunCalculationAsync(ExperimentCluster cluster, ClusterSampler sampler, long points, CancellationToken cancellationToken)
    {
        var c = await cluster.Api.SubmitAsync(points, "distributed", options.Seed, cancellationToken);
        sampler.Track(c);
        return await Calculations.WaitFinishedAsync(cluster, sampler, c.Id, cancellationToken);
    }

    private void Load(string when) => _loads.Add((when, MachineInfo.LoadText()));
}
