namespace Pi.Orleans.Grains.Scheduling;

/// <summary>
/// Decides how many chunk calls a calculation keeps in flight and which silo each attempt is aimed at. A silo whose attempt
/// just failed is avoided for a while, so retries do not chase a silo that died but is not yet declared dead. The silos are
/// given once per change (<see cref="Refresh"/>), so that choosing one for each chunk does not walk them all.
/// </summary>
public abstract class ChunkRouter(TimeProvider time)
{
    private static readonly TimeSpan SuspectFor = TimeSpan.FromSeconds(15);
    private readonly Dictionary<string, DateTimeOffset> _failedAt = [];
    private readonly Dictionary<string, string> _names = [];

    /// <summary>How many chunk calls may be in flight over the silos of the last <see cref="Refresh"/>.</summary>
    public abstract int Window { get; }

    /// <summary>The chunk-running silos now; called when they change.</summary>
    public virtual void Refresh(IReadOnlyList<SlotSnapshot> silos)
    {
        _names.Clear();
        foreach (var silo in silos)
        {
            _names[silo.Silo] = silo.Name;
        }
    }

    /// <summary>The silo (parsable address) for the next attempt, or null to let placement choose at random.</summary>
    public abstract string? Choose();

    /// <summary>The name of <paramref name="silo"/>, or null when it is not among the silos now.</summary>
    public string? NameOf(string? silo) => silo is not null && _names.TryGetValue(silo, out var name) ? name : null;

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

    /// <summary>Whether an attempt on <paramref name="silo"/> failed recently.</summary>
    protected bool IsSuspect(string silo) => _failedAt.TryGetValue(silo, out var at) && time.GetUtcNow() - at <= SuspectFor;
}
