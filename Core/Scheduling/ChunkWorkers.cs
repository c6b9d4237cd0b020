using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Core.Scheduling;

/// <summary>
/// The chunk-running silos of a slots reading, filtered once per reading: while the reading is the same (it is cached for
/// seconds), so is the list, and <see cref="ChunkScheduler.Dispatch"/> reads the silos in full only when they change.
/// </summary>
public sealed class ChunkWorkers
{
    private IReadOnlyList<SiloSlots>? _reading;
    private IReadOnlyList<SiloSlots> _workers = [];

    /// <summary>The silos of <paramref name="reading"/> that run chunks; the same instance for the same reading.</summary>
    public IReadOnlyList<SiloSlots> Of(IReadOnlyList<SiloSlots> reading)
    {
        if (!ReferenceEquals(reading, _reading))
        {
            _reading = reading;
            _workers = [.. reading.Where(s => s.RunsChunks)];
        }

        return _workers;
    }
}
