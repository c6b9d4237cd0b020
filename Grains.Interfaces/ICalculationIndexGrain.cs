using Orleans.Concurrency;

namespace Pi.Orleans;

/// <summary>
/// One partition of the list of recent calculations and of admission (key 0 to <see cref="CalculationIndex.Partitions"/> - 1,
/// by <see cref="CalculationIndex.PartitionOf"/> of the client).
/// </summary>
[Alias("pi.ICalculationIndexGrain")]
public interface ICalculationIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or updates the entry of one calculation; one-way, and a final status is never replaced.</summary>
    [Alias("Record"), OneWay]
    Task RecordAsync(CalculationSummary summary);

    /// <summary>
    /// Admits a new calculation when fewer than <paramref name="maxActive"/> are pending or running in the cluster (by the
    /// allowance this partition holds from <see cref="IAdmissionBudgetGrain"/>) and fewer than <paramref name="maxActivePerClient"/>
    /// for its client, and records it as pending; otherwise records nothing.
    /// </summary>
    [Alias("TryAdmit")]
    Task<Admission> TryAdmitAsync(CalculationSummary summary, int maxActive, int maxActivePerClient);

    /// <summary>Its active calculations and the allowance it holds, for the budget grain as it activates (interleaved: the
    /// partition may be waiting on that very grain).</summary>
    [Alias("Report"), AlwaysInterleave]
    Task<PartitionReport> ReportAsync();

    /// <summary>This partition's newest calculations first, optionally only those with <paramref name="status"/>.</summary>
    [Alias("List")]
    Task<IReadOnlyList<CalculationSummary>> ListAsync(CalculationStatus? status, int limit);
}

/// <summary>What an index partition has: its active calculations and the admission allowance it holds.</summary>
[GenerateSerializer, Immutable, Alias("pi.PartitionReport")]
public sealed record PartitionReport(int Active, int Held);
