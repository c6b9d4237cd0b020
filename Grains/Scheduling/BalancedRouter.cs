namespace Pi.Orleans.Grains.Scheduling;

/// <summary>
/// Distributed mode: keeps <c>slots × perSlot</c> calls in flight over the chunk-running silos (re-read as silos join and
/// leave) and aims each at the silo with the fewest of this calculation's chunks per slot, so every slot stays busy. The silos
/// are kept sorted by that load, so a choice costs O(log silos), not O(silos): it matters at 1,000 silos.
/// </summary>
public sealed class BalancedRouter(int perSlot, TimeProvider time) : ChunkRouter(time)
{
    private readonly Dictionary<string, int> _inFlight = [];
    private readonly Dictionary<string, int> _order = [];
    private readonly SortedSet<(double Load, int Order)> _byLoad = [];
    private SlotSnapshot[] _silos = [];
    private int _window;

    public override int Window => _window;

    public override void Refresh(IReadOnlyList<SlotSnapshot> silos)
    {
        base.Refresh(silos);
        _silos = [.. silos];
        _order.Clear();
        _byLoad.Clear();
        var slots = 0;
        for (var i = 0; i < _silos.Length; i++)
        {
            _order[_silos[i].Silo] = i;
            _byLoad.Add((Load(i), i));
            slots += _silos[i].Total;
        }

        _window = Math.Max(1, slots * perSlot);
    }

    // The least loaded silo without a recent failure, or the least loaded of all when every one failed recently.
    public override string? Choose()
    {
        int? fallback = null;
        foreach (var (_, order) in _byLoad)
        {
            if (!IsSuspect(_silos[order].Silo))
            {
                return _silos[order].Silo;
            }

            fallback ??= order;
        }

        return fallback is { } first ? _silos[first].Silo : null;
    }

    public override void Sent(string silo) => Move(silo, +1);

    public override void Ended(string silo, bool succeeded)
    {
        base.Ended(silo, succeeded);
        Move(silo, -1);
    }

    private void Move(string silo, int delta)
    {
        if (!_order.TryGetValue(silo, out var order))
        {
            _inFlight[silo] = _inFlight.GetValueOrDefault(silo) + delta;
            return;
        }

        _byLoad.Remove((Load(order), order));
        _inFlight[silo] = _inFlight.GetValueOrDefault(silo) + delta;
        _byLoad.Add((Load(order), order));
    }

    private double Load(int order) => (_inFlight.GetValueOrDefault(_silos[order].Silo) + 1.0) / Math.Max(1, _silos[order].Total);
}
