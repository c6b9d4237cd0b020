using Pi.Orleans.Contracts;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Local;

/// <summary>Waiting on the local cluster's calculations, polling every 100 ms.</summary>
internal static class Calculations
{
    public static async Task<Calculation> WaitFinishedAsync(ExperimentCluster cluster, ClusterSampler sampler, Guid id, CancellationToken cancellationToken)
    {
        // No bound but the caller's token: a ladder calculation takes as long as the machine needs.
        var c = await Eventually.ReachesAsync<Calculation>(
            async token => await cluster.Api.GetAsync(id, token), c => c.IsFinished, TimeSpan.MaxValue, _ => "", cancellationToken);
        sampler.Track(c);
        return c.Status == "completed" ? c : throw new ExperimentException($"Calculation {id} ended {c.Status}: {c.Error}");
    }

    /// <summary>Waits until the condition holds, the calculation has finished, or the timeout passes.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, ExperimentCluster cluster, Guid id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Eventually.HoldsAsync(async token => condition() || (await cluster.Api.GetAsync(id, token)).IsFinished, timeout, () => "", cancellationToken);
        }
        catch (TimeoutException)
        {
            // The caller goes on either way.
        }
    }
}
