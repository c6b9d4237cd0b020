using Microsoft.Extensions.Logging;

namespace Pi.Orleans.Grains.Slots;

/// <summary>Reads the slot numbers of every active silo; a silo that does not answer in time is left out.</summary>
public sealed partial class ClusterSlots(IClusterMembershipService membership, SlotsServiceClient slots, TimeProvider time, ILogger<ClusterSlots> logger)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);
    private IReadOnlyList<SlotSnapshot> _cached = [];
    private DateTimeOffset _cachedAt = DateTimeOffset.MinValue;

    /// <summary>The slots of every active silo now.</summary>
    public async Task<IReadOnlyList<SlotSnapshot>> ReadAsync(CancellationToken cancellationToken = default)
    {
        // This silo's own membership view: no storage round trip, so it keeps answering while Redis is away.
        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress);
        var answers = await Task.WhenAll(active.Select(silo => ReadOneAsync(silo, cancellationToken)));
        return [.. answers.OfType<SlotSnapshot>().OrderBy(s => s.Silo, StringComparer.Ordinal)];
    }

    /// <summary>The same, at most <c>2 s</c> old; used on hot paths such as the fan-out window.</summary>
    public async Task<IReadOnlyList<SlotSnapshot>> ReadCachedAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (now - _cachedAt > CacheFor)
        {
            _cached = await ReadAsync(cancellationToken);
            _cachedAt = now;
        }

        return _cached;
    }

    private async Task<SlotSnapshot?> ReadOneAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        try
        {
            return await slots.On(silo).GetSlotsAsync().WaitAsync(AnswerTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSiloDidNotAnswer(logger, silo, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Silo {Silo} did not report its slots: {Reason}")]
    private static partial void LogSiloDidNotAnswer(ILogger logger, SiloAddress silo, string reason);
}
