using Pi.Orleans.Grains.Hosting;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// Keeps the newest calculations (at most <see cref="Capacity"/>) for listing and admission. Every submission passes through
/// this one grain, so its work per call is bounded by the active calculations, not by the entries, and changes are written
/// in batches, at most every <see cref="FlushEvery"/>, and on deactivation: a crash can lose the last second of index
/// changes, never a calculation (its own grain state is the record).
/// </summary>
public sealed class CalculationIndexGrain(
    [PersistentState("index", StorageNames.Calculations)] IPersistentState<CalculationIndexState> state,
    TimeProvider time) : Grain, ICalculationIndexGrain
{
    /// <summary>Entries kept; older ones are dropped from the list (their calculations stay readable by id while retained).</summary>
    public const int Capacity = 1000;

    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    // A pending entry that never started (its submission died between admission and start) stops counting after this.
    private static readonly TimeSpan StalePending = TimeSpan.FromMinutes(2);

    // Pending and running entries, which admission counts, and every entry in the order it was added, which eviction follows.
    private readonly HashSet<Guid> _active = [];
    private readonly Queue<Guid> _order = new();
    private bool _dirty;

    private Dictionary<Guid, CalculationSummary> Entries => state.State.Entries;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in Entries.Values.OrderBy(e => e.CreatedAt))
        {
            _order.Enqueue(entry.Id);
            if (entry.Status.IsActive())
            {
                _active.Add(entry.Id);
            }
        }

        this.RegisterGrainTimer(FlushAsync, FlushEvery, FlushEvery);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public Task RecordAsync(CalculationSummary summary)
    {
        if (!Entries.TryGetValue(summary.Id, out var known))
        {
            Entries[summary.Id] = summary;
            _order.Enqueue(summary.Id);
            if (summary.Status.IsActive())
            {
                _active.Add(summary.Id);
            }

            DropOldest();
            _dirty = true;
            return Task.CompletedTask;
        }

        // A final status is final: an update that arrives late (pending or running after completed) changes nothing.
        // Pending → running changes nothing that must survive a restart (both count as active), so it is kept unwritten.
        if (!known.Status.IsActive())
        {
            return Task.CompletedTask;
        }

        Entries[summary.Id] = summary with { Client = summary.Client ?? known.Client };
        if (!summary.Status.IsActive())
        {
            _active.Remove(summary.Id);
            _dirty = true;
        }

        return Task.CompletedTask;
    }

    public async Task<Admission> TryAdmitAsync(CalculationSummary summary, int maxActive, int maxActivePerClient)
    {
        var now = time.GetUtcNow();
        int active = 0, forClient = 0;
        foreach (var id in _active)
        {
            var entry = Entries[id];
            if (entry.Status == CalculationStatus.Pending && now - entry.CreatedAt >= StalePending)
            {
                continue;
            }

            active++;
            if (entry.Client == summary.Client)
            {
                forClient++;
            }
        }

        if (active >= maxActive || forClient >= maxActivePerClient)
        {
            return new Admission(false, active, forClient);
        }

        await RecordAsync(summary);
        return new Admission(true, active + 1, forClient + 1);
    }

    public Task<IReadOnlyList<CalculationSummary>> ListAsync(CalculationStatus? status, int limit)
    {
        IReadOnlyList<CalculationSummary> list = [.. Entries.Values
            .Where(e => status is null || e.Status == status)
            .OrderByDescending(e => e.CreatedAt)
            .ThenBy(e => e.Id)
            .Take(Math.Clamp(limit, 0, Capacity))];
        return Task.FromResult(list);
    }

    // Finished entries go first, oldest first; an active one at the front moves to the back and keeps counting against the limits.
    private void DropOldest()
    {
        var passes = _order.Count;
        while (Entries.Count > Capacity && passes-- > 0 && _order.TryDequeue(out var oldest))
        {
            if (_active.Contains(oldest))
            {
                _order.Enqueue(oldest);
            }
            else
            {
                Entries.Remove(oldest);
            }
        }
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
