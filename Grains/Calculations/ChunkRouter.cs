namespace Pi.Orleans.Grains.Calculations;

/// <summary>Decides how many chunk calls a calculation keeps in flight and which silo each attempt is aimed at.</summary>
internal abstract class ChunkRouter
{
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
    }
}
