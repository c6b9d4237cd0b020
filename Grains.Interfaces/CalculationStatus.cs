namespace Pi.Orleans;

/// <summary>The life cycle of a calculation.</summary>
public enum CalculationStatus
{
    /// <summary>Accepted, no chunk started yet.</summary>
    Pending = 0,

    /// <summary>Chunks are being computed.</summary>
    Running = 1,

    /// <summary>Every chunk finished; the result is final.</summary>
    Completed = 2,

    /// <summary>Gave up; the error says why.</summary>
    Failed = 3,

    /// <summary>Cancelled by a user.</summary>
    Cancelled = 4,
}
