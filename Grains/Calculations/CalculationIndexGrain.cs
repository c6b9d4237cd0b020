using Pi.Orleans.Grains.Hosting;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// Keeps the newest calculations (at most <see cref="Capacity"/>) for listing and admission. Every submission passes through
/// this one grain, so changes are written in batches, at most every <see cref="FlushEvery"/>, and on deactivation: a crash
/// can lose the last quarter second of index changes, never a calculation (its own grain state is the record).
/// </summary>
public sealed class CalculationIndexGrain(
    [PersistentState("index", StorageNames.Calculations)] IPersistentState<CalculationIndexState> state) : Grain, ICalculationIndexGrain
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(250);
    private bool _dirty;

    /// <summary>Entries kept; older ones are dropped from the list (their calculations stay readable by id).</summary>
    public const int Capacity = 1000;

    // A pending entry that never started (its submission died between admission and start) stops counting after this.
    private static readonly TimeSpan StalePending = TimeSpan.FromMinutes(2);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, FlushEvery, FlushEvery);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public Task RecordAsync(CalculationSummary summary)
    {
        var entries = state.State.Entries;
        var isKnown = entries.TryGetValue(summary.Id, out var known);
        entries[summary.Id] = isKnown ? summary with { Client = summary.Client ?? known!.Client } : summary;

        // Pending → running changes nothing that must survive a restart (both count as active), so only new entries and
        // final statuses make the index dirty.
        if (isKnown && IsActive(known!.Status) && IsActive(summary.Status))
        {
            return Task.CompletedTask;
        }

        if (entries.Count > Capacity)
        {
            // Finished entries go first, oldest first; active ones stay so they keep counting against the limits.
            var drop = entries.Values.OrderBy(e => IsActive(e.Status)).ThenBy(e => e.CreatedAt).Take(entries.Count - Capacity).ToList();
            foreach (var old in drop)
            {
                entries.Remove(old.Id);
            }
        }

        _dirty = true;
        return Task.CompletedTask;
    }

    public async Task<Admission> TryAdmitAsync(CalculationSummary summary, int maxActive, int maxActivePerClient)
    {
        var now = DateTimeOffset.UtcNow;
        var active = state.State.Entries.Values
            .Where(e => e.Status == CalculationStatus.Running || (e.Status == CalculationStatus.Pending && now - e.CreatedAt < StalePending))
            .ToList();
        var forClient = active.Count(e => e.Client == summary.Client);
        if (active.Count >= maxActive || forClient >= maxActivePerClient)
        {
            return new Admission(false, active.Count, forClient);
        }

        await RecordAsync(summary);
        return new Admission(true, active.Count + 1, forClient + 1);
    }

    private static bool IsActive(CalculationStatus status) => status is CalculationStatus.Pending or CalculationStatus.Running;

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

    public Task<IReadOnlyList<CalculationSummary>> ListAsync(CalculationStatus? status, int limit)
    {
        IReadOnlyList<CalculationSummary> list = [.. state.State.Entries.Values
            .Where(e => status is null || e.Status == status)
            .OrderByDescending(e => e.CreatedAt)
            .ThenBy(e => e.Id)
            .Take(Math.Clamp(limit, 0, Capacity))];
        return Task.FromResult(list);
    }
}
