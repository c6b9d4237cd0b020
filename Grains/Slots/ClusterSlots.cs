using Microsoft.Extensions.Logging;
using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Grains.Slots;

/// <summary>Reads the slot numbers of every active silo; a silo that does not answer in time is left out.</summary>
internal sealed partial class ClusterSlots(IClusterMembershipService membership, SlotsServiceClient slots, TimeProvider time, ILogger<ClusterSlots> logger)
    : IClusterReadings
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);
    private IReadOnlyList<SiloSlots> _cached = [];
    private DateTimeOffset _cachedAt = DateTimeOffset.MinValue;
    private readonly Lock _lock = new();
    private Task _refresh = Task.CompletedTask;

    /// <summary>The slots of every active silo now.</summary>
    public async Task<IReadOnlyList<SiloSlots>> ReadAsync(CancellationToken cancellationToken = default)
    {
        // This silo's own membership view: no storage round trip, so it keeps answering while Redis is away.
        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress);
        var answers = await Task.WhenAll(active.Select(silo => ReadOneAsync(silo, cancellationToken)));
        return [.. answers.OfType<SlotSnapshot>().OrderBy(s => s.Silo, StringComparer.Ordinal).Select(s => s.ToCore())];
    }

    /// <summary>
    /// The same, about <c>2 s</c> old; used on hot paths such as the fan-out window. Only the first read waits: after it a
    /// stale reading is answered at once while a new one is taken in the background, so a silo that does not answer (frozen,
    /// 2 s until it is left out) never holds up a calculation's fan-out.
    /// </summary>
    public async Task<IReadOnlyList<SiloSlots>> ReadCachedAsync(CancellationToken cancellationToken = default)
    {
        Task refresh;
        lock (_lock)
        {
            if (time.GetUtcNow() - _cachedAt > CacheFor && _refresh.IsCompleted)
            {
                // Off the caller's grain scheduler: the reading outlives the activation that happened to start it.
                _refresh = Task.Run(RefreshAsync, CancellationToken.None);
            }

            if (_cachedAt != DateTimeOffset.MinValue)
            {
                return _cached;
            }

            refresh = _refresh;
        }

        await refresh.WaitAsync(cancellationToken);
        lock (_lock)
        {
            return _cached;
        }
    }

    private async Task RefreshAsync()
    {
        var reading = await ReadAsync();
        lock (_lock)
        {
            _cached = reading;
            _cachedAt = time.GetUtcNow();
        }
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
