namespace Pi.Orleans.Contracts;

/// <summary>One active silo: address, name (the pod's in Kubernetes), status, its chunk slots and the unfinished chunks of the calculations it hosts.</summary>
public sealed record SiloInfo
{
    /// <summary>The silo's address as Orleans writes it.</summary>
    public required string Address { get; init; }

    /// <summary>The silo's name (the pod's in Kubernetes).</summary>
    public required string Name { get; init; }

    /// <summary>The silo's status in the membership table, such as Active.</summary>
    public required string Status { get; init; }

    /// <summary>Whether the silo runs chunks (workers do; a front silo may not).</summary>
    public required bool RunsChunks { get; init; }

    /// <summary>Its chunk slots.</summary>
    public required int SlotsTotal { get; init; }

    /// <summary>Its busy slots.</summary>
    public required int SlotsUsed { get; init; }

    /// <summary>The chunks waiting for one of its slots.</summary>
    public required int SlotsQueued { get; init; }

    /// <summary>The chunks it has completed since it started.</summary>
    public required long ChunksCompleted { get; init; }

    /// <summary>The unfinished chunks of the calculations it hosts.</summary>
    public required long PendingChunks { get; init; }
}
