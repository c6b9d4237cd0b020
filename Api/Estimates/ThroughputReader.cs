using Microsoft.Extensions.Options;
using Pi.Orleans.Api.Scaling;
using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Core.Precision;
using Pi.Orleans.Grains;

namespace Pi.Orleans.Api.Estimates;

/// <summary>
/// Reads the cluster's <see cref="Throughput"/> from the slots every silo reports (at most 2 s old), as /api/cluster and the
/// scaling signal do: the measured rate of one slot (<see cref="SlotThroughput"/>) and the slots of the silos that run chunks.
/// </summary>
public sealed class ThroughputReader(IClusterReadings slots, IOptionsMonitor<ScalingOptions> scaling)
{
    /// <summary>The throughput now.</summary>
    public async Task<Throughput> ReadAsync(CancellationToken cancellationToken)
    {
        var workers = (await slots.ReadCachedAsync(cancellationToken)).Where(s => s.RunsChunks).ToList();
        var configured = scaling.CurrentValue.SlotsPerWorker;
        var perWorker = configured > 0 ? configured : Math.Max(1, workers.Select(s => s.Total).DefaultIfEmpty(1).Max());
        return new Throughput(workers.PointsPerSecondPerSlot(), workers.Sum(s => s.Total), perWorker);
    }
}
