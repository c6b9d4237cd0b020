using System.Diagnostics;
using Pi.Orleans.Grains.Calculations;
using Pi.Orleans.Grains.Scheduling;

namespace Pi.Orleans.Simulation;

/// <summary>
/// One distributed calculation driven through the service's own <see cref="ChunkScheduler"/> and <see cref="CalculationState"/>
/// on a virtual clock, as <c>CalculationGrain</c> drives them, with Orleans replaced by simulated silos that join, leave and
/// fail, and a crash of the calculation's activation that resumes from the last state written.
/// </summary>
public sealed class ClusterSimulation(SimulationOptions options)
{
    // ClusterSlots re-reads the silos at most this often.
    private static readonly TimeSpan ViewCachedFor = TimeSpan.FromSeconds(2);
    private readonly VirtualClock _clock = new();
    private readonly Random _random = new(options.Seed);
    private readonly PriorityQueue<SimulationEvent, (DateTimeOffset, long)> _events = new();
    private readonly Dictionary<string, SimulatedSilo> _silos = [];
    private readonly HashSet<(ChunkDispatch, int)> _doomed = [];
    private readonly StateStore _store = new();
    private long _sequence;
    private int _nextSilo;
    private int _generation;
    private IReadOnlyList<SlotSnapshot> _view = [];
    private DateTimeOffset _viewAt = DateTimeOffset.MinValue;
    private long _schedulerTicks;
    private long _completions;
    private long _retries;
    private int _failed;
    private int _left;
    private int _peakInFlight;
    private int _peakRanges;
    private ChunkPlan _plan = null!;
    private TimeSpan _timeout;
    private CalculationState _state = null!;
    private ChunkScheduler _scheduler = null!;
    private ChunkWorkers _workers = new();

    /// <summary>Runs the calculation to the end and returns what was measured.</summary>
    public SimulationResult Run()
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var pi = options.Pi;
        for (var i = 0; i < options.Silos; i++)
        {
            Join();
        }

        // As CalculationGrain.StartAsync: the plan follows the rate the silos report.
        var rate = View().PointsPerSecondPerSlot();
        var duration = ChunkTiming.TargetDuration(pi, View().Sum(s => s.Total));
        _plan = ChunkPlan.ForDuration(options.TotalPoints, rate, duration, pi.ChunkPoints, pi.MaxChunks);
        var chunkSeconds = _plan.ChunkSeconds(rate);
        _timeout = ChunkTiming.Timeout(pi.ChunkTimeout, chunkSeconds);
        _state = new CalculationState
        {
            Request = new CalculationRequest(options.TotalPoints, CalculationMode.Distributed, (ulong)options.Seed, SeedChosenByService: false),
            Status = CalculationStatus.Running,
            CreatedAt = _clock.GetUtcNow(),
            StartedAt = _clock.GetUtcNow(),
            BlocksPerChunk = _plan.BlocksPerChunk,
            ChunksTotal = _plan.ChunkCount,
            PlannedChunkSeconds = chunkSeconds,
        };
        _store.Write(_state, _clock.GetUtcNow());
        var ideal = TimeSpan.FromSeconds(options.TotalPoints / (options.SlotRate * options.Silos * options.SlotsPerSilo));

        if (options.CrashAt is { } crashAt)
        {
            Schedule(_clock.Start + (ideal * crashAt), new SimulationEvent.Crash());
        }

        Resume();
        while (!_scheduler.IsDone)
        {
            Step();
        }

        _store.Write(_state, _clock.GetUtcNow());
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return new SimulationResult(
            options, _plan.ChunkCount, chunkSeconds, _completions, _completions - _plan.ChunkCount, _retries, _failed, _left, _peakInFlight,
            _clock.Elapsed, ideal, Stopwatch.GetElapsedTime(0, _schedulerTicks).TotalSeconds, _store.SerializeSeconds, cpu,
            _store.Writes, _store.BytesWritten, _store.PeakJson, _store.PeakBinary, _peakRanges, CountsMatch(), _generation);
    }

    // What the grain's loop does once: dispatch to the silos it sees, then wait for an attempt to end or the scheduler's wake-up.
    private void Step()
    {
        var start = Stopwatch.GetTimestamp();
        var sent = _scheduler.Dispatch(_workers.Of(View()));
        var wake = _scheduler.WakeIn();
        _schedulerTicks += Stopwatch.GetTimestamp() - start;
        foreach (var dispatch in sent)
        {
            Send(dispatch);
        }

        _peakInFlight = Math.Max(_peakInFlight, _scheduler.InFlight.Count);
        var hasEvent = _events.TryPeek(out _, out var next);
        if (wake is { } delay && (!hasEvent || _clock.GetUtcNow() + delay < next.Item1))
        {
            _clock.AdvanceTo(_clock.GetUtcNow() + delay);
            return;
        }

        if (!hasEvent)
        {
            throw new InvalidOperationException("nothing in flight, nothing to wait for, and the calculation is not done");
        }

        var happening = _events.Dequeue();
        _clock.AdvanceTo(next.Item1);
        Handle(happening);
    }

    private void Handle(SimulationEvent happening)
    {
        switch (happening)
        {
            case SimulationEvent.AttemptEnds ended when ended.Generation != _generation:
                // An attempt of an activation that crashed: nobody waits for it.
                break;
            case SimulationEvent.AttemptEnds { Forced: true } ended:
                End(ended.Dispatch, succeeds: false);
                break;
            case SimulationEvent.AttemptEnds ended when _doomed.Remove((ended.Dispatch, ended.Generation)):
                // Its silo failed first: the forced failure above ended it.
                break;
            case SimulationEvent.AttemptEnds ended:
                End(ended.Dispatch, ended.Succeeds);
                break;
            case SimulationEvent.SiloEnds ends:
                EndSilo(ends.Silo);
                break;
            case SimulationEvent.SiloJoins:
                Join();
                break;
            case SimulationEvent.Crash:
                Crash();
                break;
        }
    }

    private void End(ChunkDispatch dispatch, bool succeeds)
    {
        var start = Stopwatch.GetTimestamp();
        if (succeeds)
        {
            _completions++;
            _scheduler.Succeeded(dispatch);
            var work = _plan.Work(0, dispatch.Index);
            _state.Record(dispatch.Index, new ChunkResult(InsideOf(dispatch.Index, work.Points), work.Points, dispatch.SiloName ?? "", 1, 0));
        }
        else if (_scheduler.Failed(dispatch))
        {
            _retries++;
            _state.ChunkRetries++;
        }
        else
        {
            throw new InvalidOperationException($"chunk {dispatch.Index} failed on every attempt");
        }

        _schedulerTicks += Stopwatch.GetTimestamp() - start;
        _peakRanges = Math.Max(_peakRanges, _state.Done.Ranges.Count / 2);
        if (succeeds && _clock.GetUtcNow() - _store.LastWriteAt >= options.Pi.PersistInterval)
        {
            _store.Write(_state, _clock.GetUtcNow());
        }
    }

    private void Send(ChunkDispatch dispatch)
    {
        var now = _clock.GetUtcNow();
        var silo = _silos[dispatch.Silo ?? throw new InvalidOperationException("every attempt is aimed at a silo")];
        if (silo.FailedAt is { } failedAt)
        {
            Schedule(Min(Max(now, failedAt + options.Noticed), now + _timeout), new SimulationEvent.AttemptEnds(dispatch, _generation, false));
            return;
        }

        var jitter = 0.9 + (0.2 * _random.NextDouble());
        var end = silo.Run(now, TimeSpan.FromSeconds(_plan.Work(0, dispatch.Index).Points / options.SlotRate * jitter));
        var succeeds = end - now <= _timeout;
        Schedule(succeeds ? end : now + _timeout, new SimulationEvent.AttemptEnds(dispatch, _generation, succeeds));
    }

    private void EndSilo(SimulatedSilo silo)
    {
        var now = _clock.GetUtcNow();
        if (_random.NextDouble() < options.FailShare)
        {
            _failed++;
            silo.FailedAt = now;

            // Its attempts in flight fail once the failure is noticed, instead of ending well.
            foreach (var dispatch in _scheduler.InFlight.Where(d => d.Silo == silo.Snapshot.Silo).ToList())
            {
                _doomed.Add((dispatch, _generation));
                Schedule(now + options.Noticed, new SimulationEvent.AttemptEnds(dispatch, _generation, false, Forced: true));
            }
        }
        else
        {
            _left++;
            silo.Left = true;
        }

        Schedule(now + options.Rejoin, new SimulationEvent.SiloJoins());
    }

    private void Join()
    {
        var silo = new SimulatedSilo(_nextSilo++, options.SlotsPerSilo, options.SlotRate);
        _silos.Add(silo.Snapshot.Silo, silo);
        var lifetime = TimeSpan.FromSeconds(-Math.Log(1 - _random.NextDouble()) * options.Lifetime.TotalSeconds);
        Schedule(_clock.GetUtcNow() + lifetime, new SimulationEvent.SiloEnds(silo));
    }

    // The activation dies: what was not written is lost, its calls in flight are forgotten, and a new one resumes from storage.
    private void Crash()
    {
        _generation++;
        _state = _store.Read();
        Resume();
    }

    private void Resume()
    {
        _scheduler = ChunkScheduler.Create(CalculationMode.Distributed, _state.ChunksTotal, _state.Done.NextUndone, options.Pi, _clock);
        _workers = new ChunkWorkers();
    }

    // The silos the calculation sees: those that answer (not failed, not gone), read at most every 2 s like ClusterSlots.
    private IReadOnlyList<SlotSnapshot> View()
    {
        var now = _clock.GetUtcNow();
        if (now - _viewAt > ViewCachedFor)
        {
            _view = [.. _silos.Values.Where(s => s.FailedAt is null && !s.Left).Select(s => s.Snapshot)];
            _viewAt = now;
        }

        return _view;
    }

    private bool CountsMatch()
    {
        long inside = 0;
        for (var index = 0; index < _plan.ChunkCount; index++)
        {
            inside += InsideOf(index, _plan.Work(0, index).Points);
        }

        return _state.Inside == inside && _state.PointsDone == options.TotalPoints && _state.ChunksDone() == _plan.ChunkCount;
    }

    // A made-up count that differs per chunk, so that a chunk counted twice or missed shows in the sum.
    private static long InsideOf(int index, long points) => points - (index % 1000);

    private void Schedule(DateTimeOffset at, SimulationEvent happening) => _events.Enqueue(happening, (at, _sequence++));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
