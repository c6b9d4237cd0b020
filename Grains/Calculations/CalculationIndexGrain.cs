
namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// Keeps the newest calculations for listing and admission (<see cref="CalculationIndexEntries"/>). Every submission passes
/// through this one grain; changes are written in batches, at most every <see cref="FlushEvery"/>, and on deactivation:
/// a crash can lose the last second of index changes, never a calculation (its own grain state is the record).
/// </summary>
internal sealed class CalculationIndexGrain(
    [PersistentState("index", StorageNames.Calculations)] IPersistentState<CalculationIndexState> state,
    TimeProvider time) : Grain, ICalculationIndexGrain
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);
    private CalculationIndexEntries? _entries;
    private bool _dirty;

    // Built at the first call, from the state read at activation.
    private CalculationIndexEntries Entries => _entries ??= new CalculationIndexEntries(state.State.Entries, time);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, FlushEvery, FlushEvery);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public Task RecordAsync(CalculationSummary summary)
    {
        _dirty |= Entries.Record(summary);
        return Task.CompletedTask;
    }

    public Task<Admission> TryAdmitAsync(CalculationSummary summary, int maxActive, int maxActivePerClient)
    {
        var admission = Entries.TryAdmit(summary, maxActive, maxActivePerClient);
        _dirty |= admission.Admitted;
        return Task.FromResult(admission);
    }

    public Task<IReadOnlyList<CalculationSummary>> ListAsync(CalculationStatus? status, int limit) => Task.FromResult(Entries.List(status, limit));

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
