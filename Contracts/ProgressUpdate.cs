namespace Pi.Orleans.Contracts;

/// <summary>One <c>progress</c> event of GET /api/calculate/{id}/events; eta_s is computed as in GET /api/calculate/{id}.</summary>
public sealed record ProgressUpdate
{
    /// <summary>The calculation's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>One of pending, running, completed, failed, cancelled.</summary>
    public required string Status { get; init; }

    /// <summary>The chunks finished so far.</summary>
    public required int ChunksDone { get; init; }

    /// <summary>The chunks the calculation is cut into.</summary>
    public required int ChunksTotal { get; init; }

    /// <summary>The points sampled so far.</summary>
    public required long PointsDone { get; init; }

    /// <summary>points_done / total_points, from 0 to 1.</summary>
    public required double Progress { get; init; }

    /// <summary>The running estimate of π from the points done so far; null before any.</summary>
    public required double? Estimate { get; init; }

    /// <summary>The standard error of the running estimate; null before any point.</summary>
    public required double? StandardError { get; init; }

    /// <summary>The silos running its chunks now; null in an update made from a polled calculation.</summary>
    public required IReadOnlyList<string>? SilosWorking { get; init; }

    /// <summary>The silos that have run its chunks.</summary>
    public required IReadOnlyList<string> SilosUsed { get; init; }

    /// <summary>Seconds still needed at the cluster's measured speed; null while unknown.</summary>
    public required double? EtaS { get; init; }

    /// <summary>The update a polled calculation stands for (no running estimate: the API gives it only once completed).</summary>
    public static ProgressUpdate From(Calculation c) => new()
    {
        Id = c.Id,
        Status = c.Status,
        ChunksDone = c.ChunksDone,
        ChunksTotal = c.ChunksTotal,
        PointsDone = c.PointsDone,
        Progress = c.Progress,
        Estimate = c.ResultPi,
        StandardError = c.StandardError,
        SilosWorking = null,
        SilosUsed = c.SilosUsed,
        EtaS = c.EtaS,
    };
}
