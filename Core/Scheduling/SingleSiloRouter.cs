using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Core.Scheduling;

/// <summary>Single mode: one chunk at a time, all on one silo (the least busy when it starts); another one only if it fails.</summary>
public sealed class SingleSiloRouter(TimeProvider time) : ChunkRouter(time)
{
    private IReadOnlyList<SiloSlots> _silos = [];
    private string? _silo;

    protected override int PerSlot => 1;

    public override int Window => _silos.Count == 0 ? 0 : 1;

    public override void Refresh(IReadOnlyList<SiloSlots> silos)
    {
        base.Refresh(silos);
        _silos = silos;
    }

    public override string? Choose(IReadOnlyCollection<string>? exclude = null, bool idleOnly = false)
    {
        if (exclude is not null || idleOnly)
        {
            // A single-mode calculation never duplicates its chunk: it keeps to one silo.
            return null;
        }

        if (_silo is null)
        {
            var trusted = _silos.Where(s => !IsSuspect(s.Silo)).ToList();
            _silo = (trusted.Count > 0 ? trusted : _silos).MinBy(s => (s.Used + s.Queued + 1.0) / Math.Max(1, s.Total))?.Silo;
        }

        return _silo;
    }

    // A failed attempt moves the calculation to another silo.
    protected override void OnEnded(string silo, bool succeeded)
    {
        if (!succeeded && _silo == silo)
        {
            _silo = null;
        }
    }
}
