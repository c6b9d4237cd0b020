using System.Diagnostics;
using Pi.Orleans.Experiments.Output;
using Pi.Orleans.Harness;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Local;

/// <summary>
/// The join/leave run: the extra workers stop, one calculation starts on one worker, new workers join it (start, ready, first chunk
/// timed), and after a while they leave it with SIGTERM while it still runs; the calculation must complete.
/// </summary>
internal sealed class JoinLeaveRun(IAnsiConsole console, LocalExperimentOptions options, Stopwatch clock)
{
    public async Task<JoinLeaveResult> RunAsync(ExperimentCluster cluster, ClusterSampler sampler, long points, CancellationToken cancellationToken)
    {
        sampler.Phase = "shrink";
        foreach (var w in cluster.Workers.Skip(1).ToList())
        {
            await cluster.StopWorkerAsync(w);
        }

        await cluster.WaitActiveWorkersAsync(1, cancellationToken);
        sampler.Phase = "join-leave";
        var calculation = await cluster.Api.SubmitAsync(points, "distributed", options.Seed, cancellationToken);
        sampler.Track(calculation);
        var submitted = clock.Elapsed.TotalSeconds;
        console.MarkupLine($"Join/leave: {points:0.###e0} points on 1 worker; starting a worker in {options.JoinAfterSeconds:0.#} s.");
        await Task.Delay(TimeSpan.FromSeconds(options.JoinAfterSeconds), cancellationToken);

        var joiners = new List<(HostProcess Worker, double Started, double Ready)>();
        for (var i = 1; i < options.Workers; i++)
        {
            var worker = cluster.StartWorker();
            var started = clock.Elapsed.TotalSeconds;
            await worker.WaitReadyAsync(TimeSpan.FromSeconds(120), cancellationToken);
            joiners.Add((worker, started, clock.Elapsed.TotalSeconds));
            await Calculations.WaitUntilAsync(() => sampler.Firsts(worker.Name).ChunkCompleted is not null, cluster, calculation.Id, TimeSpan.FromSeconds(60), cancellationToken);
        }

        await Calculations.WaitUntilAsync(() => false, cluster, calculation.Id, TimeSpan.FromSeconds(options.LeaveAfterSeconds), cancellationToken);
        var stops = new List<(double Stopped, double Exit)>();
        foreach (var (worker, _, _) in joiners)
        {
            var stopped = clock.Elapsed.TotalSeconds;
            stops.Add((stopped, (await cluster.StopWorkerAsync(worker)).TotalSeconds));
        }

        var final = await Calculations.WaitFinishedAsync(cluster, sampler, calculation.Id, cancellationToken);
        var load = MachineInfo.LoadAverage().One;
        var joins = joiners.Select((j, i) =>
        {
            var f = sampler.Firsts(j.Worker.Name);
            return new JoinRecord(j.Worker.Name, j.Started, j.Ready, f.Listed, f.Busy, f.ChunkCompleted, stops[i].Stopped, stops[i].Exit, load);
        }).ToList();
        foreach (var j in joins)
        {
            console.MarkupLine($"Join/leave: {j.Worker} ready {j.StartToReady:0.00} s after start; first chunk done {j.ReadyToFirstChunk:0.00} s after ready; exit took {j.ExitSeconds:0.00} s.");
        }

        console.MarkupLine($"Join/leave: calculation {final.Status} in {(final.DurationMs ?? 0) / 1000:0.00} s, {final.ChunkRetries} chunk retries.");
        return new JoinLeaveResult(submitted, final, joins);
    }
}
