namespace Pi.Orleans.Simulation;

public sealed partial class ClusterSimulation
{
    // ClusterSlots re-reads the silos at most this often.
    private static readonly TimeSpan ViewCachedFor = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, SimulatedSilo> _silos = [];
    private IReadOnlyList<SlotSnapshot> _view = [];
    private DateTimeOffset _viewAt = DateTimeOffset.MinValue;
    private int _nextSilo;
    private int _failed;
    private int _left;

    private void EndSilo(SimulatedSilo silo)
    {
        var now = _clock.GetUtcNow();
        if (_random.NextDouble() < options.FailShare)
        {
            // Its attempts are lost; the calculation's calls fail once the failure is noticed.
            _failed++;
            foreach (var attempt in silo.Fail(now))
            {
                if (attempt.Generation == _generation && !attempt.Ended)
                {
                    Schedule(now + options.Noticed, new SimulationEvent.AttemptFails(attempt));
                }
            }
        }
        else
        {
            _left++;
            silo.Left = true;
        }

        Schedule(now + options.Rejoin, new SimulationEvent.SiloJoins(silo.Speed));
    }

    private SimulatedSilo Join(double speed)
    {
        var silo = new SimulatedSilo(_nextSilo++, options.SlotsPerSilo, options.SlotRate, speed, ScheduleEnd);
        _silos.Add(silo.Address, silo);
        var lifetime = TimeSpan.FromSeconds(-Math.Log(1 - _random.NextDouble()) * options.Lifetime.TotalSeconds);
        Schedule(_clock.GetUtcNow() + lifetime, new SimulationEvent.SiloEnds(silo));
        return silo;
    }

    private void ScheduleEnd(SimulatedAttempt attempt) => Schedule(attempt.EndsAt, new SimulationEvent.AttemptEnds(attempt, attempt.Version));

    // The silos the calculation sees: those that answer (not failed, not gone), read at most every 2 s like ClusterSlots.
    private IReadOnlyList<SlotSnapshot> View()
    {
        var now = _clock.GetUtcNow();
        if (now - _viewAt > ViewCachedFor)
        {
            _view = [.. _silos.Values.Where(s => s.FailedAt is null && !s.Left).Select(s => s.Snapshot())];
            _viewAt = now;
        }

        return _view;
    }
}
