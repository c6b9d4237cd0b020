namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// The cluster-wide limit of active calculations, shared among the index partitions as allowances, as plain code with no
/// Orleans types. Each partition reports its active count and gives back what it held, then gets a share of the headroom. What
/// it admits comes out of its allowance, so the active calculations never exceed the limit: the sum over the partitions of
/// (reported active + allowance granted since) is at most the limit, and a partition's active count only grows by admitting.
/// A partition's finished calculations free their room at its next report (within about a second).
/// </summary>
internal sealed class AdmissionBudget
{
    private readonly Dictionary<int, (int Active, int Granted)> _partitions = [];

    /// <summary>What partitions hold now: reported active calculations plus allowances not reported back.</summary>
    public int Committed => _partitions.Values.Sum(p => p.Active + p.Granted);

    /// <summary>The active calculations the partitions last reported.</summary>
    public int Active => _partitions.Values.Sum(p => p.Active);

    /// <summary>Takes a partition's report (at activation, from each partition) without granting anything.</summary>
    public void Learn(int partition, int active, int held) => _partitions[partition] = (active, held);

    /// <summary>
    /// Partition <paramref name="partition"/> now has <paramref name="active"/> calculations and gives back its allowance; it gets
    /// half the headroom when it wants any (at least 1 while there is headroom), so a busy partition cannot starve the others.
    /// </summary>
    public AdmissionGrant Exchange(int partition, int active, bool wantsAllowance, int maxActive)
    {
        _partitions[partition] = (active, 0);
        var headroom = maxActive - Committed;
        var grant = wantsAllowance && headroom > 0 ? Math.Max(1, headroom / 2) : 0;
        _partitions[partition] = (active, grant);
        return new AdmissionGrant(grant, Active);
    }
}
