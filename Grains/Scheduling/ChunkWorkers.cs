namespace Pi.Orleans.Grains.Scheduling;

/// <summary>
/// The chunk-running silos of a slots reading, filtered once per reading: while the reading is the same (it is cached for
/// seconds), so is the list, and <see cref="ChunkScheduler.Dispatch"/> reads the silos in full only when they change.
/// </summary>
public sealed class ChunkWorkers
{
    private IReadOnlyList<SlotSnapshot>? _reading;
    private IReadOnlyList<SlotSnapshot> _workers = [];

    /// <summary>The silos of <paramref name="reading"/> that run chunks; the same instance for the same reading.</summary>
    public IReadOnlyList<SlotSnapshot> Of(IReadOnlyList<SlotSnapshot> reading)
    {
        if (!ReferenceEquals(reading, _reading))
        {
            _reading = reading;
            _workers = [.. reading.Where(s => s.RunsChunks)];
        }

        return _workers;
    }
}
