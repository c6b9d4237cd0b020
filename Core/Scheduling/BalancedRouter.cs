using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Core.Scheduling;

/// <summary>
/// Distributed mode: keeps <c>slots × perSlot</c> calls in flight over the trusted chunk-running silos (re-read as silos join
/// and leave) and aims each at the silo with the fewest of this calculation's chunks per slot, so every slot stays busy. The
/// silos are kept sorted by that load, so a choice costs O(log silos), not O(silos): it matters at 1,000 silos.
/// </summary>
public sealed class BalancedRouter(int perSlot, TimeProvider time) : ChunkRouter(time)
{
    private readonly Dictionary<string, int> _order = [];
    private readonly SortedSet<(double Load, int Order)> _byLoad = [];
    private SiloSlots[] _silos = [];

    protected override int PerSlot => perSlot;

    public override void Refresh(IReadOnlyList<SiloSlots> silos)
    {
        base.Refresh(silos);
        _silos = [.. silos];
        _order.Clear();
        _byLoad.Clear();
        for (var i = 0; i < _silos.Length; i++)
        {
            _order[_silos[i].Silo] = i;
            _byLoad.Add((Load(i), i));
        }
    }

    // The least loaded usable silo; suspects and excluded ones are skipped, and with idleOnly the walk stops at the first
    // silo whose slots this calculation fills (every later one is as full or fuller).
    public override string? Choose(IReadOnlyCollection<string>? exclude = null, bool idleOnly = false)
    {
        foreach (var (load, order) in _byLoad)
        {
            if (idleOnly && load > 1)
            {
                return null;
            }

            var silo = _silos[order].Silo;
            if (IsUsable(silo) && (exclude is null || !exclude.Contains(silo)))
            {
                return silo;
            }
        }

        return null;
    }

    protected override void OnMoved(string silo, int delta)
    {
        if (!_order.TryGetValue(silo, out var order))
        {
            return;
        }

        // The set holds the load from before the move: take that entry out and put the new one in.
        _byLoad.Remove((LoadWith(order, InFlightOn(silo) - delta), order));
        _byLoad.Add((Load(order), order));
    }

    private double Load(int order) => LoadWith(order, InFlightOn(_silos[order].Silo));

    private double LoadWith(int order, int inFlight) => (inFlight + 1.0) / Math.Max(1, _silos[order].Total);
}
