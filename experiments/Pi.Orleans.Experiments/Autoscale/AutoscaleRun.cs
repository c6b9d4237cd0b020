using System.Diagnostics;
using Pi.Orleans.Experiments.Local;
using Pi.Orleans.Experiments.Output;
using Pi.Orleans.Harness;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>
/// One metric's closed loop on a fresh cluster: redis-server and the Api, the minimum of workers, a warm-up calculation, then the
/// load script under the controller, and after it a wait until every calculation has finished and the replicas are back at the minimum.
/// </summary>
public sealed class AutoscaleRun(string metric, AutoscaleOptions options, LoadScript script, HostBinaries hosts, IAnsiConsole console)
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
        var load = new LoadRunner(script, cluster, sampler, clock, console);

        // The first chunks pay for the JIT; a small calculation before the load keeps that out of the burst.
        await load.SubmitAsync(WarmUpPhase, 2 * (options.ChunkPoints ?? 536_870_912L), 1, cancellationToken);
        await load.WaitAsync(() => load.AllFinished, cancellationToken);
        console.MarkupLine($"{metric}: cluster up and warm after {clock.Elapsed.TotalSeconds:0.0} s; the load starts.");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loadStart = clock.Elapsed.TotalSeconds;
        var sampling = sampler.RunAsync(stop.Token);
        var control = controller.RunAsync(stop.Token);
        double scriptEnd;
        double? backAtMinimum = null;
        try
        {
            await load.RunAsync(cancellationToken);
            scriptEnd = clock.Elapsed.TotalSeconds;
            sampler.Phase = "settle";
            var deadline = clock.Elapsed + options.SettleTimeout;
            while (clock.Elapsed < deadline)
            {
                await load.RefreshAsync(cancellationToken);
                if (load.AllFinished && controller.Replicas == options.Hpa.MinReplicas && !controller.Stopping)
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
        await load.RefreshAsync(cancellationToken);
        var end = clock.Elapsed.TotalSeconds;
        var firsts = controller.Workers.ToDictionary(w => w.Name, w => sampler.Firsts(w.Name));
        return new MetricRun(metric, loadStart, scriptEnd, backAtMinimum, end, controller.Workers, controller.Decisions, sampler.Rows, sampler.Pods,
            load.Calculations, firsts, loadBefore, MachineInfo.LoadText());
    }
}
