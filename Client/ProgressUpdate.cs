namespace Pi.Orleans.Client;

/// <summary>One `progress` event of GET /api/calculate/{id}/events; <see cref="EtaS"/> is null while the API cannot tell.</summary>
public sealed record ProgressUpdate(
    Guid Id,
    string Status,
    int ChunksDone,
    int ChunksTotal,
    long PointsDone,
    double Progress,
    double? Estimate,
    double? StandardError,
    IReadOnlyList<string>? SilosWorking,
    IReadOnlyList<string>? SilosUsed,
    double? EtaS = null)
{
    /// <summary>The update a polled calculation stands for (no running estimate: the API gives it only once completed).</summary>
    public static ProgressUpdate From(Calculation c) =>
        new(c.Id, c.Status, c.ChunksDone, c.ChunksTotal, c.PointsDone, c.Progress, c.ResultPi, c.StandardError, null, c.SilosUsed, c.EtaS);
}
