namespace Pi.Orleans;

/// <summary>
/// Shares the cluster-wide limit of active calculations among the index partitions (one grain, key 0). It is called by each
/// partition about once a second and when a partition has used its allowance, never once per submission.
/// </summary>
[Alias("pi.IAdmissionBudgetGrain")]
public interface IAdmissionBudgetGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Partition <paramref name="partition"/> reports its <paramref name="active"/> calculations and gives back the allowance it
    /// held; it gets a new allowance (0 when it wants none) and the active count of the cluster as this grain knows it.
    /// </summary>
    [Alias("Exchange")]
    Task<AdmissionGrant> ExchangeAsync(int partition, int active, bool wantsAllowance, int maxActive);
}

/// <summary>How many more calculations a partition may admit before it asks again, and the cluster's active count it was given with.</summary>
[GenerateSerializer, Immutable, Alias("pi.AdmissionGrant")]
public sealed record AdmissionGrant(int Allowance, int ActiveInCluster);
