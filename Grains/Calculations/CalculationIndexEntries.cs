namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// The index's entries and its admission rule, as plain code with no Orleans types: at most <see cref="Capacity"/> entries,
/// the oldest finished ones dropped first. Admission counts only the pending and running entries, so its work is bounded
/// by the active calculations, not by the entries.
/// </summary>
internal sealed class CalculationIndexEntries
{
    /// <summary>Entries kept; older ones are dropped from the list (their calculations stay readable by id while retained).</summary>
    public const int Capacity = 1000;

    // A pending entry that never started (its submission died between admission and start) stops counting after this.
    private static readonly TimeSpan StalePending = TimeSpan.FromMinutes(2);

    // Pending and running entries, which admission counts, and every entry in the order it was added, which eviction follows.
    private readonly HashSet<Guid> _active = [];
    private readonly Queue<Guid> _order = new();
    private readonly Dictionary<Guid, CalculationSummary> _entries;
    private readonly TimeProvider _time;

    /// <summary>Works on <paramref name="entries"/> (the persisted dictionary, changed in place), oldest first by creation time.</summary>
    public CalculationIndexEntries(Dictionary<Guid, CalculationSummary> entries, TimeProvider time)
    {
        _entries = entries;
        _time = time;
        foreach (var entry in entries.Values.OrderBy(e => e.CreatedAt))
        {
            _order.Enqueue(entry.Id);
            if (entry.Status.IsActive())
            {
                _active.Add(entry.Id);
            }
        }
    }

    /// <summary>Adds or updates one entry; returns whether the change must be written (a pending → running update need not be).</summary>
    public bool Record(CalculationSummary summary)
    {
        if (!_entries.TryGetValue(summary.Id, out var known))
        {
            _entries[summary.Id] = summary;
            _order.Enqueue(summary.Id);
            if (summary.Status.IsActive())
            {
                _active.Add(summary.Id);
            }

            DropOldest();
            return true;
        }

        // A final status is final: an update that arrives late (pending or running after completed) changes nothing.
        // Pending → running changes nothing that must survive a restart (both count as active), so it is kept unwritten.
        if (!known.Status.IsActive())
        {
            return false;
        }

        _entries[summary.Id] = summary with { Client = summary.Client ?? known.Client };
        if (summary.Status.IsActive())
        {
            return false;
        }

        _active.Remove(summary.Id);
        return true;
    }

    /// <summary>The pending (not stale) and running entries, and those of <paramref name="client"/> among them.</summary>
    public (int Active, int ForClient) Count(string? client)
    {
        var now = _time.GetUtcNow();
        int active = 0, forClient = 0;
        foreach (var id in _active)
        {
            var entry = _entries[id];
            if (entry.Status == CalculationStatus.Pending && now - entry.CreatedAt >= StalePending)
            {
                continue;
            }

            active++;
            if (entry.Client == client)
            {
                forClient++;
            }
        }

        return (active, forClient);
    }

    /// <summary>Records <paramref name="summary"/> if fewer than the limits are active (in the cluster, for its client); the counts include it when admitted.</summary>
    public Admission TryAdmit(CalculationSummary summary, int maxActive, int maxActivePerClient)
    {
        var (active, forClient) = Count(summary.Client);
        if (active >= maxActive || forClient >= maxActivePerClient)
        {
            return new Admission(false, active, forClient);
        }

        Record(summary);
        return new Admission(true, active + 1, forClient + 1);
    }

    /// <summary>The newest entries first, optionally only those with <paramref name="status"/>, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<CalculationSummary> List(CalculationStatus? status, int limit) =>
        [.. _entries.Values
            .Where(e => status is null || e.Status == status)
            .OrderByDescending(e => e.CreatedAt)
            .ThenBy(e => e.Id)
            .Take(Math.Clamp(limit, 0, Capacity))];

    // Finished entries go first, oldest first; an active one at the front moves to the back and keeps counting against the limits.
    private void DropOldest()
    {
        var passes = _order.Count;
        while (_entries.Count > Capacity && passes-- > 0 && _order.TryDequeue(out var oldest))
        {
            if (_active.Contains(oldest))
            {
                _order.Enqueue(oldest);
            }
            else
            {
                _entries.Remove(oldest);
            }
        }
    }
}
