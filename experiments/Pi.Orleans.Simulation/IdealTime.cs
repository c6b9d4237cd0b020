namespace Pi.Orleans.Simulation;

/// <summary>
/// The ideal time of a calculation: its points at the cluster's full capacity (every slot busy at its silo's speed), with a
/// frozen silo's capacity counted as 0 while it is frozen; no scheduling, no churn, no tail.
/// </summary>
public static class IdealTime
{
    /// <summary>How long <paramref name="points"/> take at <paramref name="capacity"/> points per second, less each outage's capacity while it lasts.</summary>
    public static TimeSpan Of(double points, double capacity, IEnumerable<(TimeSpan From, TimeSpan For, double Capacity)> outages)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var changes = outages.SelectMany(o => new[] { (At: o.From, Delta: -o.Capacity), (At: o.From + o.For, Delta: o.Capacity) }).OrderBy(c => c.At);
        var (done, at, now) = (0.0, TimeSpan.Zero, capacity);
        foreach (var change in changes)
        {
            var work = now * (change.At - at).TotalSeconds;
            if (done + work >= points)
            {
                break;
            }

            (done, at, now) = (done + work, change.At, now + change.Delta);
        }

        return at + TimeSpan.FromSeconds((points - done) / now);
    }
}
