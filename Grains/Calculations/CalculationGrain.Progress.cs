namespace Pi.Orleans.Grains.Calculations;

internal sealed partial class CalculationGrain
{
    private readonly Dictionary<string, int> _working = [];
    private readonly ProgressWatchers<IProgressObserver> _watchers = new(time);

    public Task<CalculationProgress?> SubscribeAsync(IProgressObserver observer)
    {
        if (S.Request is null)
        {
            return Task.FromResult<CalculationProgress?>(null);
        }

        _watchers.Subscribe(observer);
        return Task.FromResult<CalculationProgress?>(Progress());
    }

    public Task UnsubscribeAsync(IProgressObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private CalculationProgress Progress()
    {
        var (inside, done) = S.Counts();

        return new CalculationProgress(
            Id, S.Status, S.ChunksDone(), S.ChunksTotal, done, inside, S.Request!.TotalPoints,
            [.. _working.Where(w => w.Value > 0).Select(w => w.Key).Order(StringComparer.Ordinal)], [.. S.Silos]);
    }

    private void Working(string? silo, int delta)
    {
        if (silo is not null)
        {
            _working[silo] = _working.GetValueOrDefault(silo) + delta;
        }
    }

    // Pushes to the watchers that are due (force: on a status change). Calls are one-way, so a slow or vanished watcher
    // never holds the calculation up.
    private void Notify(bool force)
    {
        var due = _watchers.Due(force);
        if (due.Count == 0)
        {
            return;
        }

        var progress = Progress();
        foreach (var observer in due)
        {
            _ = observer.OnProgressAsync(progress);
        }
    }
}
