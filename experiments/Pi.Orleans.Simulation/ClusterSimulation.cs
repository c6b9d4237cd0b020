using System.Diagnostics;
using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Scheduling;
using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Simulation;

/// <summary>
/// One distributed calculation driven through the service's own <see cref="ChunkPlanner"/>, <see cref="ChunkScheduler"/> and
/// <see cref="CalculationState"/> on a virtual clock, as <c>CalculationGrain</c> drives them, with Orleans replaced by
/// simulated silos that join, leave and fail, some slow or frozen for a while, and a crash of the calculation's activation that resumes from the last state
/// written. The attempts the scheduler gives up are cancelled on their silos, and their ends ignored.
/// </summary>
public sealed partial class ClusterSimulation(SimulationOptions options)
{
    private readonly VirtualClock _clock = new();
    private readonly Random _random = new(options.Seed);
    private readonly PriorityQueue<SimulationEvent, (DateTimeOffset, long)> _events = new();
    private readonly StateStore _store = new();
    private long _sequence;
    private int _generation;
    private long _schedulerTicks;
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
        var ideal = StartCluster();

        // The grain's own planner: the plan follows the silos and the rate they report.
        var planning = ChunkPlanner.Plan(options.TotalPoints, View(), pi.ToPlanning());
        _plan = planning.Plan;
        var chunkSeconds = planning.ChunkSeconds;
        _timeout = planning.ChunkTimeout;
        _state = new CalculationState
        {
            Request = new CalculationRequest(options.TotalPoints, CalculationMode.Distributed, (ulong)options.Seed, SeedChosenByService: false),
            Status = CalculationStatus.Running,
            CreatedAt = _clock.GetUtcNow(),
            StartedAt = _clock.GetUtcNow(),
            BlocksPerChunk = _plan.BlocksPerChunk,
            TaperWidth = _plan.TaperWidth,
            TaperFloorBlocks = _plan.TaperFloorBlocks,
            ChunksTotal = _plan.ChunkCount,
            PlannedChunkSeconds = chunkSeconds,
        };
        _store.Write(_state, _clock.GetUtcNow());
        if (options.CrashAt is { } crashAt)
        {
            Schedule(_clock.Start + (ideal * crashAt), new SimulationEvent.Crash());
        }

        Resume();
        while (!_scheduler.IsDone)
        {
            Step();
        }

        (_speculated, _speculativeWins) = (_speculated + _scheduler.Speculated, _speculativeWins + _scheduler.SpeculativeWins);
        _store.Write(_state, _clock.GetUtcNow());
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return new SimulationResult(
            options, _plan.ChunkCount, chunkSeconds, _completions, _completions - _plan.ChunkCount, _retries, _failed, _left, _peakInFlight,
            _clock.Elapsed, ideal, Stopwatch.GetElapsedTime(0, _schedulerTicks).TotalSeconds, _store.SerializeSeconds, cpu,
            _store.Writes, _store.BytesWritten, _store.PeakJson, _store.PeakBinary, _peakRanges, CountsMatch(), _generation,
            _speculated, _speculativeWins, options.SlowSilos, _frozen);
    }

    // What the grain's loop does once: dispatch to the silos it sees, then wait for an attempt to end, time out or fail, or
    // for the scheduler's wake-up.
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

        _peakInFlight = Math.Max(_peakInFlight, _attempts.Count);
        var next = NextAt();
        if (wake is { } delay && (next is null || _clock.GetUtcNow() + delay < next))
        {
            _clock.AdvanceTo(_clock.GetUtcNow() + delay);
            return;
        }

        _clock.AdvanceTo(next ?? throw new InvalidOperationException("nothing in flight, nothing to wait for, and the calculation is not done"));
        if (_deadlines.TryPeek(out var due) && due.Deadline == next)
        {
            TimeOut(_deadlines.Dequeue());
            return;
        }

        Handle(_events.Dequeue());
    }

    private void Handle(SimulationEvent happening)
    {
        switch (happening)
        {
            case SimulationEvent.AttemptEnds ends when ends.Version == ends.Attempt.Version:
                Finished(ends.Attempt);
                break;
            case SimulationEvent.AttemptEnds:
                // Stale: the attempt's silo froze (a new end was scheduled at the thaw), or the attempt was called off.
                break;
            case SimulationEvent.AttemptFails fails when !fails.Attempt.Ended:
                Failed(fails.Attempt);
                break;
            case SimulationEvent.SiloEnds ends:
                EndSilo(ends.Silo);
                break;
            case SimulationEvent.SiloJoins joins:
                Join(joins.Speed);
                break;
            case SimulationEvent.Freezes freezes when freezes.Silo.FailedAt is null:
                Freeze(freezes.Silo);
                break;
            case SimulationEvent.Thaws thaws when thaws.Silo.FailedAt is null:
                thaws.Silo.Thaw(_clock.GetUtcNow());
                break;
            case SimulationEvent.Crash:
                Crash();
                break;
        }
    }

    // The next event's time, or the next deadline's if that comes first; null when there is neither.
    private DateTimeOffset? NextAt()
    {
        while (_deadlines.TryPeek(out var head) && head.Ended)
        {
            _deadlines.Dequeue();
        }

        DateTimeOffset? at = _deadlines.TryPeek(out var due) ? due.Deadline : null;
        return _events.TryPeek(out _, out var next) && (at is null || next.Item1 < at) ? next.Item1 : at;
    }

    // The activation dies: what was not written is lost, its calls in flight are forgotten (their silos compute on, and
    // nobody waits for them or cancels them), and a new one resumes from storage with the plan the state describes.
    private void Crash()
    {
        (_speculated, _speculativeWins) = (_speculated + _scheduler.Speculated, _speculativeWins + _scheduler.SpeculativeWins);
        _generation++;
        _attempts.Clear();
        _deadlines.Clear();
        _state = _store.Read();
        Resume();
    }

    private void Resume()
    {
        _plan = _state.Plan();
        _scheduler = ChunkScheduler.Create(singleSilo: false, _state.ChunksTotal, _state.Done.NextUndone, options.Pi.ToScheduling(), _clock, _plan.PointsOf);
        _workers = new ChunkWorkers();
    }

    private bool CountsMatch()
    {
        long inside = 0;
        for (var index = 0; index < _plan.ChunkCount; index++)
        {
            inside += InsideOf(index, _plan.PointsOf(index));
        }

        return _countedTwice == 0 && _state.Inside == inside && _state.PointsDone == options.TotalPoints && _state.ChunksDone() == _plan.ChunkCount;
    }

    // A made-up count that differs per chunk, so that a chunk counted twice or missed shows in the sum.
    private static long InsideOf(int index, long points) => points - (index % 1000);

    private void Schedule(DateTimeOffset at, SimulationEvent happening) => _events.Enqueue(happening, (at, _sequence++));
}
