namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// Who watches a calculation's progress and when they are due an update, as plain code with no Orleans types: at most every
/// 100 ms, and always when forced (a status change); a watcher that has not renewed for 30 s is dropped.
/// </summary>
internal sealed class ProgressWatchers<TWatcher>(TimeProvider time)
    where TWatcher : notnull
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<TWatcher, DateTimeOffset> _renewedAt = [];
    private DateTimeOffset _lastPush = DateTimeOffset.MinValue;

    /// <summary>Adds <paramref name="watcher"/>, or renews its lease.</summary>
    public void Subscribe(TWatcher watcher) => _renewedAt[watcher] = time.GetUtcNow();

    /// <summary>Removes <paramref name="watcher"/>.</summary>
    public void Unsubscribe(TWatcher watcher) => _renewedAt.Remove(watcher);

    /// <summary>The watchers to push to now (none when the last push was under 100 ms ago, unless <paramref name="force"/>); drops expired leases.</summary>
    public IReadOnlyList<TWatcher> Due(bool force)
    {
        var now = time.GetUtcNow();
        if (_renewedAt.Count == 0 || (!force && now - _lastPush < Every))
        {
            return [];
        }

        _lastPush = now;
        foreach (var expired in _renewedAt.Where(w => now - w.Value > Lease).Select(w => w.Key).ToList())
        {
            _renewedAt.Remove(expired);
        }

        return [.. _renewedAt.Keys];
    }
}
