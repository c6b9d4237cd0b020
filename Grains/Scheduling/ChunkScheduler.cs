namespace Pi.Orleans.Grains.Scheduling;

/// <summary>
/// The fan-out of one calculation as plain decisions, with no Orleans types: which chunk to send where, and when to look
/// again. It keeps up to the router's window of attempts in flight; a failed attempt goes out again as a new attempt after
/// a growing pause, up to <c>maxAttempts</c>; while no silo runs chunks it waits, up to <c>noWorkersTimeout</c>.
/// The caller drives it: <see cref="Dispatch"/> with the chunk-running silos now, <see cref="Succeeded"/> or
/// <see cref="Failed"/> as each attempt ends, and another <see cref="Dispatch"/> after <see cref="WakeIn"/> if nothing ends first.
/// </summary>
public sealed class ChunkScheduler(ChunkQueue queue, ChunkRouter router, int maxAttempts, TimeSpan noWorkersTimeout, TimeProvider time)
{
    // With no silo to send to, look again this often: one may join.
    private static readonly TimeSpan NoWorkersPoll = TimeSpan.FromSeconds(1);
    private readonly Dictionary<int, ChunkDispatch> _inFlight = [];
    private IReadOnlyList<SlotSnapshot>? _silos;
    private DateTimeOffset? _noWorkersSince;
    private int _window;

    /// <summary>
    /// The scheduler of a calculation in <paramref name="mode"/> with <paramref name="chunkCount"/> chunks, skipping the finished
    /// ones (<paramref name="nextUndone"/> gives the first unfinished chunk at or after an index): single mode keeps one attempt
    /// in flight on one silo, distributed mode <see cref="PiOptions.InFlightPerSlot"/> per slot.
    /// </summary>
    public static ChunkScheduler Create(CalculationMode mode, int chunkCount, Func<int, int> nextUndone, PiOptions options, TimeProvider time)
    {
        ChunkRouter router = mode == CalculationMode.Single ? new SingleSiloRouter(time) : new BalancedRouter(options.InFlightPerSlot, time);
        return new ChunkScheduler(new ChunkQueue(chunkCount, nextUndone, time), router, options.MaxChunkAttempts, options.NoWorkersTimeout, time);
    }

    /// <summary>Whether every chunk has finished: none left to send and none in flight.</summary>
    public bool IsDone => queue.IsEmpty && _inFlight.Count == 0;

    /// <summary>The attempts sent and not yet ended.</summary>
    public IReadOnlyCollection<ChunkDispatch> InFlight => _inFlight.Values;

    /// <summary>
    /// The attempts to send now, given the chunk-running <paramref name="silos"/>; throws <see cref="InvalidOperationException"/>
    /// once no silo has run chunks for longer than the no-workers timeout. Pass the same list instance while the silos do not
    /// change: a new instance is read in full (O(silos)), the same one costs O(log silos) per chunk sent.
    /// </summary>
    public IReadOnlyList<ChunkDispatch> Dispatch(IReadOnlyList<SlotSnapshot> silos)
    {
        var now = time.GetUtcNow();
        _noWorkersSince = silos.Count > 0 ? null : _noWorkersSince ?? now;
        if (_noWorkersSince is { } since && now - since > noWorkersTimeout)
        {
            throw new InvalidOperationException($"no silo has run chunks for {noWorkersTimeout}; start a worker silo and submit again");
        }

        if (!ReferenceEquals(silos, _silos))
        {
            router.Refresh(silos);
            _silos = silos;
        }

        _window = silos.Count == 0 ? 0 : router.Window;
        var sent = new List<ChunkDispatch>();
        while (_inFlight.Count < _window && queue.TryTake(out var index))
        {
            var silo = router.Choose();
            var dispatch = new ChunkDispatch(index, queue.Attempt(index), silo, router.NameOf(silo));
            _inFlight.Add(index, dispatch);
            if (silo is not null)
            {
                router.Sent(silo);
            }

            sent.Add(dispatch);
        }

        return sent;
    }

    /// <summary>How long to wait for an attempt to end before calling <see cref="Dispatch"/> again anyway; null: until one ends.</summary>
    public TimeSpan? WakeIn()
    {
        if (_noWorkersSince is not null)
        {
            return NoWorkersPoll;
        }

        // A retry that falls due while the window is full waits for an attempt to end, like a new chunk: waking for it would spin.
        var wait = _inFlight.Count < _window ? queue.NextRetryIn() : null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>The attempt <paramref name="dispatch"/> returned its chunk's result.</summary>
    public void Succeeded(ChunkDispatch dispatch)
    {
        End(dispatch, succeeded: true);
        queue.Forget(dispatch.Index);
    }

    /// <summary>The attempt <paramref name="dispatch"/> failed; returns whether its chunk will be sent again, false when it has used every attempt.</summary>
    public bool Failed(ChunkDispatch dispatch)
    {
        End(dispatch, succeeded: false);
        if (queue.Attempts(dispatch.Index) >= maxAttempts)
        {
            return false;
        }

        queue.Retry(dispatch.Index);
        return true;
    }

    private void End(ChunkDispatch dispatch, bool succeeded)
    {
        if (!_inFlight.Remove(dispatch.Index))
        {
            throw new InvalidOperationException($"chunk {dispatch.Index} attempt {dispatch.Attempt} is not in flight");
        }

        if (dispatch.Silo is not null)
        {
            router.Ended(dispatch.Silo, succeeded);
        }
    }
}
