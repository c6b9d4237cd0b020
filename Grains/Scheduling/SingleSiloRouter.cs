namespace Pi.Orleans.Grains.Scheduling;

/// <summary>Single mode: one chunk at a time, all on one silo (the least busy when it starts); another one only if it fails.</summary>
public sealed class SingleSiloRouter(TimeProvider time) : ChunkRouter(time)
{
    private string? _silo;

    public override int Window(IReadOnlyList<SlotSnapshot> silos) => 1;

    public override string? Choose(IReadOnlyList<SlotSnapshot> silos) =>
        _silo ??= Trusted(silos).MinBy(s => (s.Used + s.Queued + 1.0) / Math.Max(1, s.Total))?.Silo;

    public override void Ended(string silo, bool succeeded)
    {
        base.Ended(silo, succeeded);
        if (!succeeded)
        {
            _silo = null;
        }
    }
}
