using Pi.Orleans.Core.Precision;

namespace Pi.Orleans.Api.Progress;

/// <summary>One `progress` event of the stream (snake_case on the wire); <c>eta_s</c> is computed as in GET /api/calculate/{id} (null while unknown).</summary>
public sealed record ProgressEvent(
    Guid Id,
    CalculationStatus Status,
    int ChunksDone,
    int ChunksTotal,
    long PointsDone,
    double Progress,
    double? Estimate,
    double? StandardError,
    IReadOnlyList<string> SilosWorking,
    IReadOnlyList<string> SilosUsed,
    double? EtaS)
{
    /// <summary>The event for a pushed update; the estimate is the one from the points done so far.</summary>
    public static ProgressEvent From(CalculationProgress p, CalculationMode mode, Throughput throughput)
    {
        var estimate = PiEstimate.From(p.Inside, p.PointsDone);
        return new ProgressEvent(
            p.Id, p.Status, p.ChunksDone, p.ChunksTotal, p.PointsDone,
            p.TotalPoints == 0 ? 0 : (double)p.PointsDone / p.TotalPoints,
            estimate?.Pi, estimate?.StandardError, p.SilosWorking, p.SilosUsed,
            throughput.EtaSeconds(p.Status.IsActive(), mode == CalculationMode.Single, p.TotalPoints, p.PointsDone));
    }
}
