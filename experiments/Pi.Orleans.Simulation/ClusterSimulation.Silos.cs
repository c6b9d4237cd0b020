using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Simulation;

public sealed partial class ClusterSimulation
{
    // ClusterSlots re-reads the silos at most this often.
    private static readonly TimeSpan ViewCachedFor = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, SimulatedSilo> _silos = [];
    private IReadOnlyList<SiloSlots> _view = [];
    private DateTimeOffset _viewAt = DateTimeOffset.MinValue;
    private int _nextSilo;
    private int _failed;
    private int _left;
    private int _frozen;

    // The starting silos, the slow and the frozen ones picked at random; returns the ideal time of their capacity.
    private TimeSpan StartCluster()
    {
        var order = Enumerable.Range(0, options.Silos).ToArray();
        _random.Shuffle(order);
        var slow = order.Take(options.SlowSilos).ToHashSet();
        List<SimulatedSilo> silos = [.. Enumerable.Range(0, options.Silos).Select(i => Join(slow.Contains(i) ? 1 / options.SlowFactor : 1))];
        var capacity = silos.Sum(s => s.Capacity);
        var firstHalf = TimeSpan.FromSeconds(options.TotalPoints / capacity / 2);

        // The frozen ones follow the slow ones in the shuffled order: a silo is both only when there are too few.
        var outages = new List<(TimeSpan, TimeSpan, double)>();
        foreach (var i in order.Skip(options.SlowSilos).Concat(order).Take(options.FrozenSilos))
        {
            var from = firstHalf * _random.NextDouble();
            Schedule(_clock.Start + from, new SimulationEvent.Freezes(silos[i]));
            outages.Add((from, options.Freeze, silos[i].Capacity));
        }

        return IdealTime.Of(options.TotalPoints, capacity, outages);
    }

    // It stops where it is and answers nothing (ClusterSlots leaves it out: it does not answer within 2 s), then goes on.
    private void Freeze(SimulatedSilo silo)
    {
        _frozen++;
        silo.Freeze(_clock.GetUtcNow());
        Schedule(_clock.GetUtcNow() + options.Freeze, new SimulationEvent.Thaws(silo));
    }

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

    // The silos the calculation sees: those that answer (not failed, not gone, not frozen), read at most every 2 s like ClusterSlots.
    private IReadOnlyList<SiloSlots> View()
    {
        var now = _clock.GetUtcNow();
        if (now - _viewAt > ViewCachedFor)
        {
            _view = [.. _silos.Values.Where(s => s.FailedAt is null && !s.Left && !s.IsFrozen).Select(s => s.Snapshot())];
            _viewAt = now;
        }

        return _view;
    }
}
