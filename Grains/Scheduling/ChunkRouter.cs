namespace Pi.Orleans.Grains.Scheduling;

/// <summary>
/// Decides how many chunk calls a calculation keeps in flight and which silo each attempt is aimed at. A silo whose attempt
/// just failed is avoided for a while, so retries do not chase a silo that died but is not yet declared dead.
/// </summary>
public abstract class ChunkRouter(TimeProvider time)
{
    private static readonly TimeSpan SuspectFor = TimeSpan.FromSeconds(15);
    private readonly Dictionary<string, DateTimeOffset> _failedAt = [];

    /// <summary>How many chunk calls may be in flight, given the chunk-running silos now.</summary>
    public abstract int Window(IReadOnlyList<SlotSnapshot> silos);

    /// <summary>The silo (parsable address) for the next attempt, or null to let placement choose at random.</summary>
    public abstract string? Choose(IReadOnlyList<SlotSnapshot> silos);

    /// <summary>An attempt was sent to <paramref name="silo"/>.</summary>
    public virtual void Sent(string silo)
    {
    }

    /// <summary>An attempt sent to <paramref name="silo"/> ended, well or not.</summary>
    public virtual void Ended(string silo, bool succeeded)
    {
        if (succeeded)
        {
            _failedAt.Remove(silo);
        }
        else
        {
            _failedAt[silo] = time.GetUtcNow();
        }
    }

    /// <summary>The silos without a recent failure, or all of them when every one failed recently.</summary>
    protected IReadOnlyList<SlotSnapshot> Trusted(IReadOnlyList<SlotSnapshot> silos)
    {
        var now = time.GetUtcNow();
        var trusted = silos.Where(s => !_failedAt.TryGetValue(s.Silo, out var at) || now - at > SuspectFor).ToList();
        return trusted.Count > 0 ? trusted : silos;
    }
}
