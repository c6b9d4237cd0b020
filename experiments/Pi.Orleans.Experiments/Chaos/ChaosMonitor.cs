using System.Diagnostics;
using Pi.Orleans.Experiments.Load;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>Samples the soak every second for the timeline.</summary>
public sealed class ChaosMonitor(ChaosCluster cluster, LoadRun load, FaultInjector faults, Stopwatch clock)
{
    private readonly List<TimelineSample> _samples = [];

    public IReadOnlyList<TimelineSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var listed = await cluster.ListedWorkersAsync(cancellationToken);
                var calculations = load.Calculations;
                var sample = new TimelineSample(
                    clock.Elapsed.TotalSeconds,
                    calculations.Count(c => c.Request.Mode == "distributed" && !c.IsFinal),
                    calculations.Count(c => c.Request.Mode == "distributed" && c.Latest.Status == "completed"),
                    calculations.Count(c => c.Latest.Status == "failed"),
                    calculations.Count(c => c.Request.Mode == "single"),
                    cluster.Workers.Count,
                    listed,
                    string.Join('+', faults.Active));
                lock (_samples)
                {
                    _samples.Add(sample);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The soak is over.
        }
    }
}
