namespace Pi.Orleans.Simulation;

/// <summary>A clock that moves only when the simulation moves it.</summary>
public sealed class VirtualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When the simulation started.</summary>
    public DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Virtual time since the start.</summary>
    public TimeSpan Elapsed => _now - Start;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock to <paramref name="at"/>; never backwards.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        if (at > _now)
        {
            _now = at;
        }
    }
}
