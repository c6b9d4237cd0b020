using System.Diagnostics;
using Pi.Orleans.Core.Scheduling;

namespace Pi.Orleans.Simulation;

public sealed partial class ClusterSimulation
{
    // Every attempt waits the same chunk timeout, so the deadlines come in the order the attempts were sent.
    private readonly Queue<SimulatedAttempt> _deadlines = new();
    private readonly Dictionary<ChunkDispatch, SimulatedAttempt> _attempts = [];

    // Apart from the churn's: runs with and without speculation send different attempts but see the same churn.
    private readonly Random _jitter = new(options.Seed + 1);
    private long _completions;
    private long _countedTwice;
    private long _retries;
    private int _peakInFlight;
    private int _speculated;
    private int _speculativeWins;

    private void Send(ChunkDispatch dispatch)
    {
        var now = _clock.GetUtcNow();
        var silo = _silos[dispatch.Silo ?? throw new InvalidOperationException("every attempt is aimed at a silo")];
        var points = _plan.PointsOf(dispatch.Index);
        var jitter = 0.9 + (0.2 * _jitter.NextDouble());
        var attempt = new SimulatedAttempt(dispatch, _generation, silo, points, now + _timeout) { Duration = silo.DurationOf(points) * jitter };
        _attempts.Add(dispatch, attempt);
        _deadlines.Enqueue(attempt);
        if (silo.FailedAt is { } failedAt)
        {
            // The view is up to 2 s old: the call fails once the failure is noticed.
            Schedule(failedAt + options.Noticed > now ? failedAt + options.Noticed : now, new SimulationEvent.AttemptFails(attempt));
            return;
        }

        silo.Add(attempt, now);
    }

    // An attempt's computation ended on its silo: its result counts if the scheduler still waits for it (as the grain asks
    // IsLive), and the chunk's other attempts are cancelled.
    private void Finished(SimulatedAttempt attempt)
    {
        var now = _clock.GetUtcNow();
        attempt.Silo.Remove(attempt, now);
        attempt.Ended = true;
        if (attempt.Generation != _generation)
        {
            // An attempt of an activation that crashed: nobody waits for it.
            return;
        }

        _attempts.Remove(attempt.Dispatch);
        var start = Stopwatch.GetTimestamp();
        if (!_scheduler.IsLive(attempt.Dispatch))
        {
            _schedulerTicks += Stopwatch.GetTimestamp() - start;
            return;
        }

        _completions++;
        var index = attempt.Dispatch.Index;
        var losers = _scheduler.Succeeded(attempt.Dispatch, attempt.Points / (now - attempt.StartedAt).TotalSeconds);
        if (!_state.Record(index, new ChunkResult(InsideOf(index, attempt.Points), attempt.Points, attempt.Dispatch.SiloName ?? "", 1, 0)))
        {
            _countedTwice++;
        }

        _schedulerTicks += Stopwatch.GetTimestamp() - start;
        foreach (var loser in losers)
        {
            Cancel(loser);
        }

        _peakRanges = Math.Max(_peakRanges, _state.Done.Ranges.Count / 2);
        if (now - _store.LastWriteAt >= options.Pi.PersistInterval)
        {
            _store.Write(_state, now);
        }
    }

    // The calculation stops waiting: the call is cancelled, which also stops the chunk on its silo.
    private void TimeOut(SimulatedAttempt attempt)
    {
        attempt.Silo.Remove(attempt, _clock.GetUtcNow());
        Failed(attempt);
    }

    private void Failed(SimulatedAttempt attempt)
    {
        attempt.Ended = true;
        _attempts.Remove(attempt.Dispatch);
        var start = Stopwatch.GetTimestamp();
        if (!_scheduler.IsLive(attempt.Dispatch))
        {
            _schedulerTicks += Stopwatch.GetTimestamp() - start;
            return;
        }

        if (!_scheduler.Failed(attempt.Dispatch))
        {
            throw new InvalidOperationException($"chunk {attempt.Dispatch.Index} failed on every attempt");
        }

        if (!_scheduler.IsRunning(attempt.Dispatch.Index))
        {
            // Sent again later; with its duplicate still running it is not a retry, as the grain counts it.
            _retries++;
            _state.ChunkRetries++;
        }

        _schedulerTicks += Stopwatch.GetTimestamp() - start;
    }

    // A given-up attempt: a waiting one leaves its silo's line, a running one frees its slot now.
    private void Cancel(ChunkDispatch loser)
    {
        if (_attempts.Remove(loser, out var attempt))
        {
            attempt.Ended = true;
            attempt.Silo.Remove(attempt, _clock.GetUtcNow());
        }
    }
}
