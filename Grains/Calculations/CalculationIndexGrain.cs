namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// One partition of the calculation index (<see cref="CalculationIndex"/>): the newest calculations of its clients for listing,
/// and their admission. The per-client limit is counted here; the cluster-wide one through the allowance this partition holds
/// from the <see cref="IAdmissionBudgetGrain"/>, renewed each second and when used up, never per submission. Changes are written
/// in batches, at most every <see cref="FlushEvery"/>, and on deactivation: a crash can lose the last second of index changes,
/// never a calculation (its own grain state is the record). It lives on the silo that first calls it (the Api silo).
/// </summary>
[global::Orleans.Placement.PreferLocalPlacement]
internal sealed class CalculationIndexGrain(
    [PersistentState("index", StorageNames.Calculations)] IPersistentState<CalculationIndexState> state,
    TimeProvider time) : Grain, ICalculationIndexGrain
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    // A partition that admitted within this keeps asking for allowance at each tick; a quiet one gives its allowance back.
    private static readonly TimeSpan Busy = TimeSpan.FromSeconds(2);

    private CalculationIndexEntries? _entries;
    private bool _dirty;
    private int _allowance;
    private int _activeInCluster;
    private int _reportedActive = -1;
    private DateTimeOffset _lastAdmitted = DateTimeOffset.MinValue;
    private int _limit;

    // Built at the first call, from the state read at activation.
    private CalculationIndexEntries Entries => _entries ??= new CalculationIndexEntries(state.State.Entries, time);

    private int Partition => (int)this.GetPrimaryKeyLong();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Kept alive: the budget counts what it holds, and the partitions are few.
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(FlushEvery, FlushEvery) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public Task RecordAsync(CalculationSummary summary)
    {
        _dirty |= Entries.Record(summary);
        return Task.CompletedTask;
    }

    public async Task<Admission> TryAdmitAsync(CalculationSummary summary, int maxActive, int maxActivePerClient)
    {
        var (active, forClient) = Entries.Count(summary.Client);
        if (forClient >= maxActivePerClient)
        {
            return new Admission(false, Math.Max(active, _activeInCluster), forClient);
        }

        // A used-up allowance is renewed at once. At the cluster's limit that is one budget call per refused submission (each
        // client's rate limit bounds them); below it, one per half the headroom admitted.
        if (_allowance == 0)
        {
            await ExchangeAsync(active, wantsAllowance: true, maxActive);
        }

        if (_allowance == 0)
        {
            return new Admission(false, Math.Max(active, _activeInCluster), forClient);
        }

        _allowance--;
        _lastAdmitted = time.GetUtcNow();
        Entries.Record(summary);
        _dirty = true;
        return new Admission(true, Math.Max(active, _activeInCluster) + 1, forClient + 1);
    }

    public Task<PartitionReport> ReportAsync() => Task.FromResult(new PartitionReport(Entries.Count(null).Active, _allowance));

    public Task<IReadOnlyList<CalculationSummary>> ListAsync(CalculationStatus? status, int limit) => Task.FromResult(Entries.List(status, limit));

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        // A busy partition renews its allowance; a quiet one reports its finished calculations and gives its allowance back.
        var active = Entries.Count(null).Active;
        var busy = time.GetUtcNow() - _lastAdmitted < Busy;
        if (busy || _allowance > 0 || active != _reportedActive)
        {
            await ExchangeAsync(active, busy, maxActive: null);
        }

        await FlushAsync(cancellationToken);
    }

    // maxActive: the limit the Api passed with its last submission (options can differ per host only by misconfiguration).
    private async Task ExchangeAsync(int active, bool wantsAllowance, int? maxActive)
    {
        _limit = maxActive ?? _limit;
        _allowance = 0;
        var grant = await GrainFactory.GetGrain<IAdmissionBudgetGrain>(0).ExchangeAsync(Partition, active, wantsAllowance && _limit > 0, _limit);
        _allowance = grant.Allowance;
        _activeInCluster = grant.ActiveInCluster;
        _reportedActive = active;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception)
        {
            // Written again at the next tick.
            _dirty = true;
            throw;
        }
    }
}
