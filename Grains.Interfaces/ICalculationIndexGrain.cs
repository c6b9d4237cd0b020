using Orleans.Concurrency;

namespace Pi.Orleans;

/// <summary>The cluster-wide list of recent calculations (a singleton with key <see cref="CalculationIndex.Key"/>).</summary>
[Alias("pi.ICalculationIndexGrain")]
public interface ICalculationIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or updates the entry of one calculation; one-way, and a final status is never replaced.</summary>
    [Alias("Record"), OneWay]
    Task RecordAsync(CalculationSummary summary);

    /// <summary>
    /// Admits a new calculation when fewer than <paramref name="maxActive"/> are pending or running in the cluster and fewer
    /// than <paramref name="maxActivePerClient"/> for its client, and records it as pending; otherwise records nothing.
    /// </summary>
    [Alias("TryAdmit")]
    Task<Admission> TryAdmitAsync(CalculationSummary summary, int maxActive, int maxActivePerClient);

    /// <summary>The newest calculations first, optionally only those with <paramref name="status"/>.</summary>
    [Alias("List")]
    Task<IReadOnlyList<CalculationSummary>> ListAsync(CalculationStatus? status, int limit);
}
