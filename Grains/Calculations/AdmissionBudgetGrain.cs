namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// Holds the <see cref="AdmissionBudget"/> in memory. When it (re)activates it first asks every partition what it has and holds,
/// so that a move to another silo grants nothing twice; the partitions' own state is the record. It lives on the silo of the
/// partition that first calls it (an Api silo), and so do the partitions it wakes.
/// </summary>
[global::Orleans.Placement.PreferLocalPlacement]
internal sealed class AdmissionBudgetGrain : Grain, IAdmissionBudgetGrain
{
    private readonly AdmissionBudget _budget = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var reports = await Task.WhenAll(Enumerable.Range(0, CalculationIndex.Partitions)
            .Select(p => GrainFactory.GetGrain<ICalculationIndexGrain>(p).ReportAsync()));
        for (var p = 0; p < reports.Length; p++)
        {
            _budget.Learn(p, reports[p].Active, reports[p].Held);
        }
    }

    public Task<AdmissionGrant> ExchangeAsync(int partition, int active, bool wantsAllowance, int maxActive) =>
        Task.FromResult(_budget.Exchange(partition, active, wantsAllowance, maxActive));
}
