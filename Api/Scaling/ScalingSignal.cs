using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Pi.Orleans.Contracts;
using Pi.Orleans.Grains;

namespace Pi.Orleans.Api.Scaling;

/// <summary>
/// Computes desired_workers = ceil((slots_used + slots_queued) / slots_per_worker), clamped to [MinWorkers, MaxWorkers],
/// from the slots every silo reports; the last result is also exported as gauges.
/// </summary>
public sealed class ScalingSignal
{
    private readonly IClusterReadings _slots;
    private readonly IOptionsMonitor<ScalingOptions> _options;
    private ScalingInfo? _last;

    public ScalingSignal(IClusterReadings slots, IOptionsMonitor<ScalingOptions> options, IMeterFactory meters)
    {
        _slots = slots;
        _options = options;
        var meter = meters.Create(PiMeter.Name);
        meter.CreateObservableGauge("scaling.desired_workers", () => (long)(_last?.DesiredWorkers ?? 0), "{worker}", "Workers the backlog needs (clamped).");
        meter.CreateObservableGauge("scaling.slots_capacity", () => (long)(_last?.SlotsTotal ?? 0), "{slot}", "Slots of all chunk-running silos.");
        meter.CreateObservableGauge("scaling.slots_used", () => (long)(_last?.SlotsUsed ?? 0), "{slot}", "Busy slots of all chunk-running silos.");
        meter.CreateObservableGauge("scaling.slots_queued", () => (long)(_last?.SlotsQueued ?? 0), "{chunk}", "Chunks waiting for a slot, cluster-wide.");
        meter.CreateObservableGauge("scaling.pending_chunks", () => _last?.PendingChunks ?? 0, "{chunk}", "Unfinished chunks of running calculations, cluster-wide.");
    }

    /// <summary>Reads every silo's slots now and computes the signal.</summary>
    public async Task<ScalingInfo> ComputeAsync(CancellationToken cancellationToken)
    {
        var silos = await _slots.ReadAsync(cancellationToken);
        var workers = silos.Where(s => s.RunsChunks).ToList();
        var o = _options.CurrentValue;
        var perWorker = o.SlotsPerWorker > 0 ? o.SlotsPerWorker : Math.Max(1, workers.Select(s => s.Total).DefaultIfEmpty(1).Max());
        var used = workers.Sum(s => s.Used);
        var queued = workers.Sum(s => s.Queued);
        var desired = (int)Math.Clamp(Math.Ceiling((used + queued) / (double)perWorker), o.MinWorkers, Math.Max(o.MinWorkers, o.MaxWorkers));
        var report = new ScalingInfo
        {
            SlotsTotal = workers.Sum(s => s.Total),
            SlotsUsed = used,
            SlotsQueued = queued,
            PendingChunks = silos.Sum(s => s.PendingChunks),
            SlotsPerWorker = perWorker,
            DesiredWorkers = desired,
        };
        _last = report;
        return report;
    }
}
