namespace Pi.Orleans.Experiments.Simulation;

/// <summary>The simulated deployment and HPA; defaults follow the chart (500m CPU request, target 60%, 1-3 workers) and Kubernetes.</summary>
public sealed record SimulationOptions
{
    /// <summary>The HPA range and behavior shared by both strategies. Default: Kubernetes' defaults, 1-3 replicas.</summary>
    public HpaSpec Hpa { get; init; } = HpaSpec.Defaults(1, 3);

    /// <summary>Behavior preset name for the report. Default: kubernetes.</summary>
    public string Preset { get; init; } = "kubernetes";

    /// <summary>CPU utilization target of the CPU strategy, percent of request. Default: 60.</summary>
    public int TargetCpuPercent { get; init; } = 60;

    /// <summary>CPU request of a worker pod, cores. Default: 0.5.</summary>
    public double CpuRequestCores { get; init; } = 0.5;

    /// <summary>Cores one worker pod computes on (its slots). Default: 1 (the local run's Pi:Slots=1).</summary>
    public int PodCores { get; init; } = 1;

    /// <summary>KEDA's targetValue for desired_workers (AverageValue). Default: 1.</summary>
    public double BacklogTarget { get; init; } = 1;

    /// <summary>Chunk calls in flight per slot (Pi:InFlightPerSlot), which bounds busy + queued slots. Default: 2.</summary>
    public int InFlightPerSlot { get; init; } = 2;

    /// <summary>Points per chunk, to turn the backlog into chunks. Default: 2^29.</summary>
    public long ChunkPoints { get; init; } = 536_870_912;

    /// <summary>HPA sync period, seconds. Default: 15.</summary>
    public double SyncPeriodSeconds { get; init; } = 15;

    /// <summary>metrics-server resolution: how often pod CPU is sampled, and the window it averages. Default: 15 s.</summary>
    public double MetricResolutionSeconds { get; init; } = 15;

    /// <summary>Seconds from pod creation to Ready; null takes the local run's start→ready (joins.csv) or 10. Default: null.</summary>
    public double? PodReadySeconds { get; init; }

    /// <summary>Seconds from Ready to the first chunk; null takes the local run's ready→first busy or 2. Default: null.</summary>
    public double? FirstWorkSeconds { get; init; }

    /// <summary>Trace times and points are multiplied by this (the same load shape, k times longer). Default: 1.</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>Seconds simulated after the trace ends, to see the scale-down. Default: 600.</summary>
    public double TailSeconds { get; init; } = 600;
}
