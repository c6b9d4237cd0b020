namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// Decides how many chunk calls a calculation keeps in flight and which silo each attempt is aimed at. A silo whose attempt
/// just failed is avoided for a while, so retries do not chase a silo that died but is not yet declared dead.
/// </summary>
internal abstract class ChunkRouter
{
    private const long SuspectForMs = 15_000;
    private readonly Dictionary<string, long> _failedAt = [];

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
            _failedAt[silo] = Environment.TickCount64;
        }
    }

    /// <summary>The silos without a recent failure, or all of them when every one failed recently.</summary>
    protected IReadOnlyList<SlotSnapshot> Trusted(IReadOnlyList<SlotSnapshot> silos)
    {
        var now = Environment.TickCount64;
        var trusted = silos.Where(s => !_failedAt.TryGetValue(s.Silo, out var at) || now - at > SuspectForMs).ToList();
        return trusted.Count > 0 ? trusted : silos;
    }
}
