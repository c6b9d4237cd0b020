namespace Pi.Orleans.Grains.Calculations;

public sealed partial class CalculationGrain
{
    private static readonly TimeSpan ObserverLease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan NotifyEvery = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<IProgressObserver, DateTimeOffset> _observers = [];
    private readonly Dictionary<string, int> _working = [];
    private DateTimeOffset _lastNotify;

    public Task<CalculationProgress?> SubscribeAsync(IProgressObserver observer)
    {
        if (S.Request is null)
        {
            return Task.FromResult<CalculationProgress?>(null);
        }

        _observers[observer] = time.GetUtcNow();
        return Task.FromResult<CalculationProgress?>(Progress());
    }

    public Task UnsubscribeAsync(IProgressObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    private CalculationProgress Progress()
    {
        var (inside, done) = S.Counts();

        return new CalculationProgress(
            Id, S.Status, S.Chunks.Count, S.ChunksTotal, done, inside, S.Request!.TotalPoints,
            [.. _working.Where(w => w.Value > 0).Select(w => w.Key).Order(StringComparer.Ordinal)], [.. S.Silos]);
    }

    private void Working(string? silo, int delta)
    {
        if (silo is not null)
        {
            _working[silo] = _working.GetValueOrDefault(silo) + delta;
        }
    }

    // Pushes to every watcher at most every 100 ms, and always on a status change (force). Calls are one-way, so a slow
    // or vanished watcher never holds the calculation up; a watcher that stops renewing is dropped after its lease.
    private void Notify(bool force)
    {
        var now = time.GetUtcNow();
        if (_observers.Count == 0 || (!force && now - _lastNotify < NotifyEvery))
        {
            return;
        }

        _lastNotify = now;
        var progress = Progress();
        foreach (var (observer, since) in _observers.ToList())
        {
            if (now - since > ObserverLease)
            {
                _observers.Remove(observer);
                continue;
            }

            _ = observer.OnProgressAsync(progress);
        }
    }
}
