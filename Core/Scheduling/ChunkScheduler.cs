using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Core.Scheduling;

/// <summary>
/// The fan-out of one calculation as plain decisions, with no Orleans types: which chunk to send where, and when to look
/// again. It keeps up to the router's window of attempts in flight; a failed attempt goes out again as a new attempt after
/// a growing pause, up to <c>maxAttempts</c>; while no silo runs chunks it waits, up to <c>noWorkersTimeout</c>.
/// Stragglers get a duplicate on another silo (<see cref="Speculation"/>): an attempt that runs overdue (its silo is then
/// suspect), and, once nothing new is left to send, an attempt an idle silo would finish clearly sooner. A chunk has at most
/// two attempts running; the first result counts and the others are handed back to be cancelled, so none is counted twice.
/// The caller drives it: <see cref="Dispatch"/> with the chunk-running silos now, <see cref="Succeeded"/> or
/// <see cref="Failed"/> as each live attempt ends, and another <see cref="Dispatch"/> after <see cref="WakeIn"/> if nothing ends first.
/// </summary>
/// <param name="queue">The chunks still to send.</param>
/// <param name="router">Where each attempt goes, and how many may be in flight.</param>
/// <param name="maxAttempts">Attempts per chunk before it fails.</param>
/// <param name="noWorkersTimeout">How long to wait while no silo runs chunks.</param>
/// <param name="time">The clock.</param>
/// <param name="speculation">When stragglers are duplicated; null: never, and no suspicion by time.</param>
/// <param name="pointsOf">The points of a chunk, for the expected time of its attempts; null: times unknown, no speculation by time.</param>
public sealed class ChunkScheduler(
    ChunkQueue queue, ChunkRouter router, int maxAttempts, TimeSpan noWorkersTimeout, TimeProvider time, Speculation? speculation = null, Func<int, long>? pointsOf = null)
{
    // With no silo to send to, look again this often: one may join.
    private static readonly TimeSpan NoWorkersPoll = TimeSpan.FromSeconds(1);
    private const int MostLivePerChunk = 2;
    private readonly Speculation _speculation = speculation ?? Speculation.Off;
    private readonly LiveAttempts _live = new();
    private readonly PriorityQueue<(int Index, int Attempt), DateTimeOffset> _overdueAt = new();
    private readonly PriorityQueue<(int Index, int Attempt), long> _latestEnd = new();
    private readonly Queue<int> _toDuplicate = new();
    private IReadOnlyList<SiloSlots>? _silos;
    private DateTimeOffset? _noWorkersSince;

    /// <summary>
    /// The scheduler of a calculation with <paramref name="chunkCount"/> chunks, skipping the finished ones
    /// (<paramref name="nextUndone"/> gives the first unfinished chunk at or after an index): <paramref name="singleSilo"/>
    /// (single mode) keeps one attempt in flight on one silo and never duplicates it, else
    /// <see cref="SchedulingOptions.InFlightPerSlot"/> per slot, with speculation as <paramref name="options"/> say.
    /// </summary>
    public static ChunkScheduler Create(
        bool singleSilo, int chunkCount, Func<int, int> nextUndone, SchedulingOptions options, TimeProvider time, Func<int, long>? pointsOf = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var queue = new ChunkQueue(chunkCount, nextUndone, time);
        return singleSilo
            ? new ChunkScheduler(queue, new SingleSiloRouter(time), options.MaxChunkAttempts, options.NoWorkersTimeout, time)
            : new ChunkScheduler(
                queue, new BalancedRouter(options.InFlightPerSlot, time), options.MaxChunkAttempts, options.NoWorkersTimeout, time,
                options.Speculation, pointsOf);
    }

    /// <summary>Whether every chunk has finished: none left to send and none in flight.</summary>
    public bool IsDone => queue.IsEmpty && _live.Chunks == 0;

    /// <summary>The live attempts: sent, not ended and not given up.</summary>
    public IReadOnlyCollection<ChunkDispatch> InFlight => [.. _live.All];

    /// <summary>Duplicate attempts sent so far.</summary>
    public int Speculated { get; private set; }

    /// <summary>Chunks whose duplicate attempt ended first.</summary>
    public int SpeculativeWins { get; private set; }

    /// <summary>Whether <paramref name="dispatch"/> is still live; an attempt given up (its chunk won elsewhere) is not, and its end is ignored.</summary>
    public bool IsLive(ChunkDispatch dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        return _live.Find(dispatch.Index, dispatch.Attempt) is not null;
    }

    /// <summary>Whether chunk <paramref name="index"/> has a live attempt.</summary>
    public bool IsRunning(int index) => _live.IsRunning(index);

    /// <summary>
    /// The attempts to send now, given the chunk-running <paramref name="silos"/>; throws <see cref="InvalidOperationException"/>
    /// once no silo has run chunks for longer than the no-workers timeout. Pass the same list instance while the silos do not
    /// change: a new instance is read in full (O(silos)), the same one costs O(log silos) per chunk sent.
    /// </summary>
    public IReadOnlyList<ChunkDispatch> Dispatch(IReadOnlyList<SiloSlots> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
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

        var sent = new List<ChunkDispatch>();
        if (silos.Count == 0)
        {
            return sent;
        }

        router.Tick();
        FindOverdue(now);

        // A suspect silo with nothing of ours in flight gets one new chunk: its answer clears it, its silence costs one duplicate.
        foreach (var silo in router.AnyOverdue ? router.Overdue.Where(router.WantsProbe).ToList() : [])
        {
            if (!queue.TryTake(out var probe))
            {
                break;
            }

            sent.Add(Send(probe, silo, speculative: false, now));
        }

        while (router.HasRoom)
        {
            ChunkDispatch dispatch;
            if (TakeOverdueDuplicate(out var index, out var silo) || TakeTailDuplicate(now, out index, out silo))
            {
                dispatch = Send(index, silo, speculative: true, now);
            }
            else if (queue.TryTake(out index))
            {
                dispatch = Send(index, router.Choose(), speculative: false, now);
            }
            else
            {
                break;
            }

            sent.Add(dispatch);
            if (dispatch.Silo is null)
            {
                // Placement chooses; the router cannot count it, so one such attempt per call.
                break;
            }
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
        var now = time.GetUtcNow();
        var wait = router.HasRoom ? queue.NextRetryIn() : null;
        while (_overdueAt.TryPeek(out var key, out var at))
        {
            if (_live.Find(key.Index, key.Attempt) is null)
            {
                _overdueAt.Dequeue();
                continue;
            }

            wait = wait is { } w && w < at - now ? w : at - now;
            break;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>
    /// The live attempt <paramref name="dispatch"/> returned its chunk's result, at <paramref name="pointsPerSecond"/> on its
    /// silo (0: unknown). Returns the chunk's other live attempts, which are given up: cancel them and ignore how they end.
    /// </summary>
    public IReadOnlyList<ChunkDispatch> Succeeded(ChunkDispatch dispatch, double pointsPerSecond = 0)
    {
        var (winner, attempts) = _live.Take(dispatch, endChunk: true);
        if (dispatch.Silo is not null)
        {
            router.Ended(dispatch.Silo, succeeded: true, pointsPerSecond, winner.Counted);
        }

        foreach (var loser in attempts)
        {
            if (loser.Dispatch.Silo is not null)
            {
                router.Abandoned(loser.Dispatch.Silo, loser.Counted);
            }
        }

        if (dispatch.Speculative)
        {
            SpeculativeWins++;
        }

        queue.Forget(dispatch.Index);
        return [.. attempts.Select(a => a.Dispatch)];
    }

    /// <summary>
    /// The live attempt <paramref name="dispatch"/> failed; returns whether its chunk will still be done: another attempt is
    /// running, or it will be sent again; false when it has used every attempt.
    /// </summary>
    public bool Failed(ChunkDispatch dispatch)
    {
        var (failed, others) = _live.Take(dispatch, endChunk: false);
        if (dispatch.Silo is not null)
        {
            router.Ended(dispatch.Silo, succeeded: false, counted: failed.Counted);
        }

        if (others.Count > 0)
        {
            return true;
        }

        if (queue.Attempts(dispatch.Index) >= maxAttempts)
        {
            return false;
        }

        queue.Retry(dispatch.Index);
        return true;
    }

    private ChunkDispatch Send(int index, string? silo, bool speculative, DateTimeOffset now)
    {
        var dispatch = new ChunkDispatch(index, queue.Attempt(index), silo, router.NameOf(silo), speculative);
        var expectedEnd = ExpectedEnd(index, silo, now);
        _live.Add(dispatch);
        if (silo is not null)
        {
            router.Sent(silo);
        }

        if (speculative)
        {
            Speculated++;
        }

        if (expectedEnd is { } end && double.IsFinite(_speculation.OverdueFactor))
        {
            var key = (index, dispatch.Attempt);
            _overdueAt.Enqueue(key, now + ((end - now) * _speculation.OverdueFactor) + _speculation.OverdueSlack);
            _latestEnd.Enqueue(key, -end.UtcTicks);
        }

        return dispatch;
    }

    // When an attempt sent now to silo should end: the chunks ahead of it there (ours, or all the silo reported, whichever is
    // more) fill its slots in waves, then its own points run at the silo's rate. Null when the rate or the points are unknown.
    private DateTimeOffset? ExpectedEnd(int index, string? silo, DateTimeOffset now)
    {
        var rate = silo is null ? 0 : router.RateOf(silo);
        if (silo is null || pointsOf is null || !(rate > 0))
        {
            return null;
        }

        var ahead = Math.Max(router.InFlightOn(silo), router.BusyOn(silo));
        var waves = 1 + (ahead / router.SlotsOf(silo));
        return now + TimeSpan.FromSeconds(waves * pointsOf(index) / rate);
    }

    // Attempts past their overdue time: their silo becomes suspect and, with speculation on, their chunk is duplicated.
    private void FindOverdue(DateTimeOffset now)
    {
        while (_overdueAt.TryPeek(out var key, out var at) && at <= now)
        {
            _overdueAt.Dequeue();
            if (_live.Find(key.Index, key.Attempt) is not { Dispatch.Silo: { } silo } overdue)
            {
                continue;
            }

            // It keeps running (it may still win), but out of the window: attempts stuck on a frozen silo, or waiting on
            // something only it can answer, must not keep the window full.
            overdue.Counted = false;
            router.Uncount(silo);
            router.MarkOverdue(silo);
            if (_speculation.Enabled)
            {
                _toDuplicate.Enqueue(key.Index);
            }
        }
    }

    private bool TakeOverdueDuplicate(out int index, out string silo)
    {
        while (_toDuplicate.TryDequeue(out index))
        {
            var count = _live.CountOf(index);
            if (count is 0 or >= MostLivePerChunk)
            {
                continue;
            }

            if (router.Choose(_live.SilosOf(index)) is { } other)
            {
                silo = other;
                return true;
            }
        }

        silo = "";
        return false;
    }

    // Nothing new is left: the attempt expected to end last gets a duplicate on an idle silo if that would end clearly sooner.
    // If the latest one would not, no other would either.
    private bool TakeTailDuplicate(DateTimeOffset now, out int index, out string silo)
    {
        (index, silo) = (-1, "");
        if (!_speculation.Enabled || !queue.IsEmpty || pointsOf is null)
        {
            return false;
        }

        while (_latestEnd.TryPeek(out var key, out var negativeEnd))
        {
            if (_live.CountOf(key.Index) >= MostLivePerChunk || _live.Find(key.Index, key.Attempt) is null)
            {
                _latestEnd.Dequeue();
                continue;
            }

            var idle = router.Choose(_live.SilosOf(key.Index), idleOnly: true);
            var rate = idle is null ? 0 : router.RateOf(idle);
            if (idle is null || !(rate > 0))
            {
                return false;
            }

            var left = new DateTimeOffset(-negativeEnd, TimeSpan.Zero) - now;
            if (left.TotalSeconds <= _speculation.TailMargin * pointsOf(key.Index) / rate)
            {
                return false;
            }

            _latestEnd.Dequeue();
            (index, silo) = (key.Index, idle);
            return true;
        }

        return false;
    }
}
