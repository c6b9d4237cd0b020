using System.Diagnostics;
using Pi.Orleans.Experiments.Load;
using Pi.Orleans.Experiments.Local;
using Pi.Orleans.Experiments.Output;
using Pi.Orleans.Experiments.Verification;
using Pi.Orleans.Harness;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>
/// The closed-loop autoscaling experiment: the same load script under each metric in turn, each on a fresh cluster of real processes,
/// then every calculation's count checked against the sampler run here.
/// </summary>
public sealed class AutoscaleExperiment(IAnsiConsole console, AutoscaleOptions options)
{
    public const string DefaultLoadFile = "experiments/autoscale-load.json";

    public async Task<AutoscaleResult> RunAsync(CancellationToken cancellationToken)
    {
        if (options.Metrics.Count == 0 || options.Metrics.Any(m => !AutoscaleMetric.All.Contains(m)))
        {
            throw new ExperimentException($"--metrics takes {string.Join(" and/or ", AutoscaleMetric.All)}.");
        }

        if (options.Period < TimeSpan.FromSeconds(1) || options.EffectiveMetricWindow < TimeSpan.FromSeconds(1))
        {
            throw new ExperimentException("--period and --metric-window must be at least 1 s.");
        }

        var hosts = HostBinaries.Find(options.RepositoryRoot, options.Configuration);
        var loadFile = options.LoadFile ?? Path.Combine(hosts.Root, DefaultLoadFile);
        var script = StepsScript.Read(loadFile);
        var logs = Directory.CreateTempSubdirectory("pi-autoscale-").FullName;
        var startedAt = DateTimeOffset.UtcNow;
        var pinned = options.Pin && ExperimentCluster.CanPinWorkers;
        console.MarkupLine($"Load {Markup.Escape(loadFile)}; period {options.Period.TotalSeconds:0.#} s; workers {(pinned ? "bound to one CPU each (taskset)" : "not bound to a CPU")}; logs in [grey]{Markup.Escape(logs)}[/] (kept if the run fails)");
        var runs = new List<MetricRun>();
        foreach (var metric in options.Metrics)
        {
            runs.Add(await new AutoscaleRun(metric, options, script, hosts, console).RunAsync(logs, cancellationToken));
        }

        console.MarkupLine("Checking every result against the sampler, run here with the cluster stopped…");
        var clock = Stopwatch.StartNew();
        var expected = ExpectedCounts.Compute(runs.SelectMany(r => r.Calculations).Select(c => (c.Latest.Seed, c.Latest.TotalPoints)), cancellationToken);
        return new AutoscaleResult(options, script, loadFile, MachineInfo.Describe(), startedAt, pinned, runs, expected, clock.Elapsed.TotalSeconds, logs);
    }
}
