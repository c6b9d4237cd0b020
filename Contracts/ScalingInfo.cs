namespace Pi.Orleans.Contracts;

/// <summary>GET /api/scaling: the backlog signal (busy and queued slots, unfinished chunks, workers wanted).</summary>
public sealed record ScalingInfo
{
    /// <summary>The slots of all chunk-running silos.</summary>
    public required int SlotsTotal { get; init; }

    /// <summary>Their busy slots.</summary>
    public required int SlotsUsed { get; init; }

    /// <summary>The chunks waiting for a slot, cluster-wide.</summary>
    public required int SlotsQueued { get; init; }

    /// <summary>The unfinished chunks of running calculations, cluster-wide.</summary>
    public required long PendingChunks { get; init; }

    /// <summary>The slots one worker brings.</summary>
    public required int SlotsPerWorker { get; init; }

    /// <summary>ceil((slots_used + slots_queued) / slots_per_worker), clamped to the configured worker range.</summary>
    public required int DesiredWorkers { get; init; }
}
