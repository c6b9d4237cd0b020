using Pi.Orleans.Api.Contracts;
using Pi.Orleans.Contracts;
using Pi.Orleans.Core.Precision;

namespace Pi.Orleans.Api.Progress;

/// <summary>The <c>progress</c> events of the stream, made from the updates the grain pushes.</summary>
public static class ProgressUpdates
{
    /// <summary>The event for a pushed update; the estimate is the one from the points done so far, eta_s as in GET /api/calculate/{id}.</summary>
    public static ProgressUpdate From(CalculationProgress p, CalculationMode mode, Throughput throughput)
    {
        var estimate = PiEstimate.From(p.Inside, p.PointsDone);
        return new ProgressUpdate
        {
            Id = p.Id,
            Status = WireNames.Of(p.Status),
            ChunksDone = p.ChunksDone,
            ChunksTotal = p.ChunksTotal,
            PointsDone = p.PointsDone,
            Progress = p.TotalPoints == 0 ? 0 : (double)p.PointsDone / p.TotalPoints,
            Estimate = estimate?.Pi,
            StandardError = estimate?.StandardError,
            SilosWorking = p.SilosWorking,
            SilosUsed = p.SilosUsed,
            EtaS = throughput.EtaSeconds(p.Status.IsActive(), mode == CalculationMode.Single, p.TotalPoints, p.PointsDone),
        };
    }
}
