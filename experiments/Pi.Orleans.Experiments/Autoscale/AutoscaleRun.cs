using System.Diagnostics;
using System.Globalization;
using Pi.Orleans.Experiments.Load;
using Pi.Orleans.Experiments.Local;
using Pi.Orleans.Experiments.Output;
using Pi.Orleans.Harness;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>
/// One metric's closed loop on a fresh cluster: redis-server and the Api, the minimum of workers, a warm-up calculation, then the
/// load script (the generator's steps profile) under the controller, and after it a wait until every calculation has finished and
/// the replicas are back at the minimum.
/// </summary>
public sealed class AutoscaleRun(string metric, AutoscaleOptions options, StepsProfile script, HostBinaries hosts, IAnsiConsole console)
{
    public const string WarmUpPhase = "warm-up";

    public async Task<MetricRun> RunAsync(string logDirectory, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var loadBefore = MachineInfo.LoadText();
        var logs = Directory.CreateDirectory(Path.Combine(logDirectory, metric)).FullName;
        var local = new LocalExperimentOptions { Workers = options.Hpa.MaxReplicas, ChunkPoints = options.ChunkPoints };
        await using var cluster = new ExperimentCluster(hosts, local, logs);
        await cluster.StartAsync(0, cancellationToken);
        var controller = new AutoscaleController(metric, cluster, options, clock, console);
        await controller.StartMinimumAsync(cancellationToken);
        var sampler = new ClusterSampler(cluster, clock, options.SampleInterval);
        using var generator = new LoadGenerator(cluster.ApiAddress, cluster.ApiKey);

        // The first chunks pay for the JIT; a small calculation before the load keeps that out of the burst.
        var warmUp = Accepted(await generator.Start(WarmUp(), clock, cancellationToken).Result, cancellationToken);
        foreach (var c in warmUp.Calculations)
        {
            sampler.Track(c.Latest);
        }

        console.MarkupLine($"{metric}: cluster up and warm after {clock.Elapsed.TotalSeconds:0.0} s; the load starts.");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loadStart = clock.Elapsed.TotalSeconds;
        var load = generator.Start(script, clock, cancellationToken);
        sampler.Follow(load);
        var sampling = sampler.RunAsync(stop.Token);
        var control = controller.RunAsync(stop.Token);
        double scriptEnd;
        double? backAtMinimum = null;
        try
        {
            Report(Accepted(await load.Result, cancellationToken));
            scriptEnd = clock.Elapsed.TotalSeconds;
            sampler.Phase = "settle";
            var deadline = clock.Elapsed + options.SettleTimeout;
            while (clock.Elapsed < deadline)
            {
                await load.ReadRunningAsync(cancellationToken);
                if (load.Running == 0 && controller.Replicas == options.Hpa.MinReplicas && !controller.Stopping)
                {
                    backAtMinimum = clock.Elapsed.TotalSeconds;
                    break;
                }

                await Task.Delay(500, cancellationToken);
            }

            // One more period at the minimum shows the flat end of the curve.
            sampler.Phase = "tail";
            await Task.Delay(options.Period, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await sampling;
            await control;
        }

        await controller.DrainAsync();
        await load.ReadRunningAsync(cancellationToken);
        var end = clock.Elapsed.TotalSeconds;
        var firsts = controller.Workers.ToDictionary(w => w.Name, w => sampler.Firsts(w.Name));
        return new MetricRun(metric, loadStart, scriptEnd, backAtMinimum, end, controller.Workers, controller.Decisions, sampler.Rows, sampler.Pods,
            [.. warmUp.Calculations, .. load.Calculations], firsts, loadBefore, MachineInfo.LoadText());
    }

    private StepsProfile WarmUp() => new(
        [new LoadStepSpec(WarmUpPhase, TimeSpan.Zero, 1, new RequestShape("distributed", 2 * (options.ChunkPoints ?? 536_870_912L)), Count: 1, Seed: 1, Wait: true)]);

    // The experiment compares metrics on the same calculations: a submission the Api refused or never answered spoils the run.
    private LoadResult Accepted(LoadResult result, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var refused = result.Requests.Where(r => r.Kind.StartsWith("submit ", StringComparison.Ordinal) && !r.Succeeded).ToList();
        if (refused.Count > 0)
        {
            throw new ExperimentException($"{metric}: the Api did not accept {refused.Count} of the load's submissions: "
                + string.Join(", ", refused.GroupBy(r => r.Answer).Select(g => $"{g.Key} ×{g.Count()}")));
        }

        return result;
    }

    private void Report(LoadResult result)
    {
        foreach (var phase in result.Calculations.GroupBy(c => c.Phase))
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"[{phase.Max(c => c.SubmittedAtS):0.0} s] {phase.Key}: submitted {phase.Count()} × {phase.First().Request.Points:0.###e0} points")));
        }
    }
}
