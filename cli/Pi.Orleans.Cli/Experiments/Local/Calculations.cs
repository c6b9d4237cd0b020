using System.Diagnostics;
using Pi.Orleans.Client;

namespace Pi.Orleans.Cli.Experiments.Local;

/// <summary>Waiting on the local cluster's calculations, polling every 100 ms.</summary>
internal static class Calculations
{
    public static async Task<Calculation> WaitFinishedAsync(ExperimentCluster cluster, ClusterSampler sampler, Guid id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var c = await cluster.Api.GetAsync(id, cancellationToken);
            if (c.IsFinished)
            {
                sampler.Track(c);
                return c.Status == "completed"
                    ? c
                    : throw new ExperimentException($"Calculation {id} ended {c.Status}: {c.Error}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits until the condition holds, the calculation has finished, or the timeout passes.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, ExperimentCluster cluster, Guid id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout)
        {
            if ((await cluster.Api.GetAsync(id, cancellationToken)).IsFinished)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
