namespace Pi.Orleans.Grains.Scheduling;

/// <summary>Single mode: one chunk at a time, all on one silo (the least busy when it starts); another one only if it fails.</summary>
public sealed class SingleSiloRouter(TimeProvider time) : ChunkRouter(time)
{
    private IReadOnlyList<SlotSnapshot> _silos = [];
    private string? _silo;

    public override int Window => 1;

    public override void Refresh(IReadOnlyList<SlotSnapshot> silos)
    {
        base.Refresh(silos);
        _silos = silos;
    }

    public override string? Choose()
    {
        if (_silo is null)
        {
            var trusted = _silos.Where(s => !IsSuspect(s.Silo)).ToList();
            _silo = (trusted.Count > 0 ? trusted : _silos).MinBy(s => (s.Used + s.Queued + 1.0) / Math.Max(1, s.Total))?.Silo;
        }

        return _silo;
    }

    public override void Ended(string silo, bool succeeded)
    {
        base.Ended(silo, succeeded);
        if (!succeeded)
        {
            _silo = null;
        }
    }
}
