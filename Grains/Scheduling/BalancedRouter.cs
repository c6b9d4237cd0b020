namespace Pi.Orleans.Grains.Scheduling;

/// <summary>
/// Distributed mode: keeps <c>slots × perSlot</c> calls in flight over the chunk-running silos (re-read as silos join and
/// leave) and aims each at the silo with the fewest of this calculation's chunks per slot, so every slot stays busy.
/// </summary>
public sealed class BalancedRouter(int perSlot, TimeProvider time) : ChunkRouter(time)
{
    private readonly Dictionary<string, int> _inFlight = [];

    public override int Window(IReadOnlyList<SlotSnapshot> silos) => Math.Max(1, silos.Sum(s => s.Total) * perSlot);

    public override string? Choose(IReadOnlyList<SlotSnapshot> silos) =>
        Trusted(silos).MinBy(s => (_inFlight.GetValueOrDefault(s.Silo) + 1.0) / Math.Max(1, s.Total))?.Silo;

    public override void Sent(string silo) => _inFlight[silo] = _inFlight.GetValueOrDefault(silo) + 1;

    public override void Ended(string silo, bool succeeded)
    {
        base.Ended(silo, succeeded);
        _inFlight[silo] = _inFlight.GetValueOrDefault(silo) - 1;
    }
}
