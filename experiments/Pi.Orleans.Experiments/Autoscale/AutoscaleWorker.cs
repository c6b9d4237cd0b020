using Pi.Orleans.Experiments.Simulation;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>
/// One worker process as the controller sees a pod: when it started, became ready and was told to stop, its CPU readings (from /proc
/// through the process), and its slots and completed chunks as /api/cluster last listed them. Times are seconds on the run's clock.
/// </summary>
public sealed class AutoscaleWorker(HostProcess process, int? cpu, double started)
{
    private readonly List<(double Time, double CpuSeconds)> _readings = [(started, 0)];

    public HostProcess Process => process;

    public string Name => process.Name;

    /// <summary>The CPU it is bound to with taskset, or null.</summary>
    public int? Cpu => cpu;

    public double Started => started;

    public double? Ready { get; set; }

    public bool Failed { get; set; }

    /// <summary>When /api/cluster first listed it.</summary>
    public double? Listed { get; set; }

    /// <summary>When one of its slots was first seen busy.</summary>
    public double? FirstBusy { get; set; }

    /// <summary>When it was sent SIGTERM.</summary>
    public double? Terminating { get; set; }

    /// <summary>When it had exited.</summary>
    public double? Exited { get; set; }

    public int SlotsUsed { get; set; }

    public int SlotsQueued { get; set; }

    /// <summary>The most chunks /api/cluster ever reported it completed.</summary>
    public long ChunksCompleted { get; set; }

    /// <summary>The pod-deletion cost the chart's updater would set: busy slots, used + queued.</summary>
    public int DeletionCost => SlotsUsed + SlotsQueued;

    /// <summary>Counts as a replica: started and not told to stop.</summary>
    public bool IsLive => Terminating is null && !Failed;

    /// <summary>Reads its CPU time now and keeps the reading.</summary>
    public void ReadCpu(double now) => _readings.Add((now, process.CpuTime.TotalSeconds));

    /// <summary>
    /// The metrics-server sample: mean CPU (millicores) from the newest reading at least <paramref name="window"/> s old until now; null
    /// until the worker has lived one window.
    /// </summary>
    public PodMetric? Metric(double window)
    {
        var (now, cpuNow) = _readings[^1];
        var from = _readings.LastOrDefault(r => r.Time <= now - (window * 0.95), (double.NaN, 0));
        if (double.IsNaN(from.Time) || now - from.Time <= 0)
        {
            return null;
        }

        return new PodMetric((long)((cpuNow - from.CpuSeconds) / (now - from.Time) * 1000), now, now - from.Time);
    }

    /// <summary>What the HPA's CPU calculation knows about this pod.</summary>
    public PodSample Sample(double window, long requestMillicores) => new(
        Name, Failed ? PodPhase.Failed : PodPhase.Running, started, Ready is not null, Ready ?? started, requestMillicores, Metric(window),
        Deleting: Terminating is not null);
}
