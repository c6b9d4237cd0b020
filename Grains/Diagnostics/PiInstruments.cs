using System.Diagnostics.Metrics;
using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Grains.Slots;

namespace Pi.Orleans.Grains.Diagnostics;

/// <summary>The one owner of the service's own metrics (meter <see cref="MeterName"/>).</summary>
public sealed class PiInstruments
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = PiMeter.Name;

    private readonly Counter<long> _pointsSampled;
    private readonly Counter<long> _chunksCompleted;
    private readonly Counter<long> _chunksFailed;
    private readonly Counter<long> _chunksRetried;
    private readonly Counter<long> _chunksSpeculated;
    private readonly Counter<long> _speculativeWins;
    private readonly Counter<long> _calculationsFinished;
    private readonly UpDownCounter<long> _calculationsActive;
    private readonly UpDownCounter<long> _chunksPending;
    private readonly Histogram<double> _chunkDuration;
    private readonly Histogram<double> _calculationDuration;
    private readonly PointRate _rate;
    private long _pending;

    public PiInstruments(IMeterFactory meters, ChunkSlots slots, TimeProvider time)
    {
        _rate = new PointRate(time);
        var meter = meters.Create(MeterName);
        _pointsSampled = meter.CreateCounter<long>("points.sampled", "{point}", "Points sampled by chunks on this silo.");
        _chunksCompleted = meter.CreateCounter<long>("chunks.completed", "{chunk}", "Chunks computed on this silo.");
        _chunksFailed = meter.CreateCounter<long>("chunks.failed", "{chunk}", "Chunk attempts that failed or timed out, seen by calculations on this silo.");
        _chunksRetried = meter.CreateCounter<long>("chunks.retried", "{chunk}", "Chunks sent again as a new attempt by calculations on this silo.");
        _chunksSpeculated = meter.CreateCounter<long>("chunks.speculated", "{chunk}", "Duplicate attempts sent for straggling chunks by calculations on this silo.");
        _speculativeWins = meter.CreateCounter<long>("chunks.speculative_wins", "{chunk}", "Chunks whose duplicate attempt ended first, seen by calculations on this silo.");
        _calculationsFinished = meter.CreateCounter<long>("calculations.finished", "{calculation}", "Calculations that reached a final status on this silo, by status.");
        _calculationsActive = meter.CreateUpDownCounter<long>("calculations.active", "{calculation}", "Pending and running calculations hosted on this silo, by status.");
        _chunksPending = meter.CreateUpDownCounter<long>("chunks.pending", "{chunk}", "Chunks of running calculations on this silo that are not finished yet.");
        _chunkDuration = meter.CreateHistogram<double>("chunk.duration", "s", "Time to compute one chunk, slot wait excluded.");
        _calculationDuration = meter.CreateHistogram<double>("calculation.duration", "s", "Time from start to completion of a calculation.");
        // Zeros, so that a counter that never fired is on /metrics as 0 rather than missing (panels show 0, not "No data").
        _pointsSampled.Add(0);
        _chunksCompleted.Add(0);
        _chunksFailed.Add(0);
        _chunksRetried.Add(0);
        _chunksSpeculated.Add(0);
        _speculativeWins.Add(0);
        foreach (var status in (CalculationStatus[])[CalculationStatus.Completed, CalculationStatus.Failed, CalculationStatus.Cancelled])
        {
            _calculationsFinished.Add(0, new KeyValuePair<string, object?>("status", Name(status)));
        }

        meter.CreateObservableGauge("points.rate", () => _rate.PerSecond(), "{point}/s", "Points sampled per second on this silo over the last 10 s.");
        meter.CreateObservableGauge("slots.capacity", () => (long)slots.Total, "{slot}", "Chunk slots of this silo.");
        meter.CreateObservableGauge("slots.used", () => (long)slots.Used, "{slot}", "Slots computing a chunk now (chunks running).");
        meter.CreateObservableGauge("slots.queued", () => (long)slots.Queued, "{chunk}", "Chunks waiting for a slot on this silo (chunks queued).");
    }

    /// <summary>Chunks of running calculations on this silo that are not finished yet.</summary>
    public long PendingChunks => Interlocked.Read(ref _pending);

    /// <summary>A chunk finished on this silo.</summary>
    public void OnChunkComputed(long points, TimeSpan computed)
    {
        _pointsSampled.Add(points);
        _chunksCompleted.Add(1);
        _chunkDuration.Record(computed.TotalSeconds);
        _rate.Add(points);
    }

    /// <summary>A chunk attempt failed; <paramref name="retried"/> tells whether it will be sent again.</summary>
    public void OnChunkFailed(bool retried)
    {
        _chunksFailed.Add(1);
        if (retried)
        {
            _chunksRetried.Add(1);
        }
    }

    /// <summary>A duplicate attempt of a straggling chunk was sent.</summary>
    public void OnChunkSpeculated() => _chunksSpeculated.Add(1);

    /// <summary>A chunk's duplicate attempt ended before the attempt it duplicated.</summary>
    public void OnSpeculativeWin() => _speculativeWins.Add(1);

    /// <summary>Chunks were added to (positive) or removed from (negative) the unfinished work of this silo's calculations.</summary>
    public void OnChunksPending(long delta)
    {
        Interlocked.Add(ref _pending, delta);
        _chunksPending.Add(delta);
    }

    /// <summary>A calculation on this silo entered (+1) or left (-1) an active status.</summary>
    public void OnCalculationActive(CalculationStatus status, int delta) =>
        _calculationsActive.Add(delta, new KeyValuePair<string, object?>("status", Name(status)));

    /// <summary>A calculation reached a final status.</summary>
    public void OnCalculationFinished(CalculationStatus status, TimeSpan? duration)
    {
        _calculationsFinished.Add(1, new KeyValuePair<string, object?>("status", Name(status)));
        if (status == CalculationStatus.Completed && duration is { } d)
        {
            _calculationDuration.Record(d.TotalSeconds);
        }
    }

    private static string Name(CalculationStatus status) => status.ToString().ToLowerInvariant();
}
