namespace Pi.Orleans.Contracts;

/// <summary>GET /api/cluster: the active silos and the slot totals of the chunk-running ones.</summary>
public sealed record ClusterInfo
{
    /// <summary>Every active silo, by name.</summary>
    public required IReadOnlyList<SiloInfo> Silos { get; init; }

    /// <summary>The chunk slots of the silos that run chunks.</summary>
    public required int SlotsTotal { get; init; }

    /// <summary>Their busy slots.</summary>
    public required int SlotsUsed { get; init; }

    /// <summary>The chunks waiting for one of their slots.</summary>
    public required int SlotsQueued { get; init; }
}
