namespace Pi.Orleans;

/// <summary>The cluster-wide list of recent calculations (a singleton with key 0).</summary>
[Alias("pi.ICalculationIndexGrain")]
public interface ICalculationIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or updates the entry of one calculation.</summary>
    [Alias("Record")]
    Task RecordAsync(CalculationSummary summary);

    /// <summary>The newest calculations first, optionally only those with <paramref name="status"/>.</summary>
    [Alias("List")]
    Task<IReadOnlyList<CalculationSummary>> ListAsync(CalculationStatus? status, int limit);
}
