using Pi.Orleans.Experiments.Simulation;

namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>What the closed-loop autoscaling experiment runs: the metrics, the controller, the HPA, the load, and where files go.</summary>
public sealed record AutoscaleOptions
{
    /// <summary>The metrics to run, one after the other, each on a fresh cluster. Default: cpu, then backlog.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [AutoscaleMetric.Cpu, AutoscaleMetric.Backlog];

    /// <summary>How often the controller reads the metric and reconciles (the HPA sync period). Default: 15 s, as in Kubernetes.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The window a worker's CPU is averaged over (metrics-server's resolution); null means one period. Default: null.</summary>
    public TimeSpan? MetricWindow { get; init; }

    /// <summary>The HPA range, tolerance and behavior. Default: Kubernetes' defaults, 1-3 replicas, with a 60 s scale-down window.</summary>
    public HpaSpec Hpa { get; init; } = HpaSpec.Defaults(1, 3) with { ScaleDown = ScalingRules.DefaultScaleDown with { StabilizationWindowSeconds = 60 } };

    /// <summary>CPU averageUtilization target, percent of the request. Default: 60, as the chart's HPA.</summary>
    public int TargetCpuPercent { get; init; } = 60;

    /// <summary>CPU request of a worker, in millicores: one worker is one CPU. Default: 1000.</summary>
    public long CpuRequestMillicores { get; init; } = 1000;

    /// <summary>AverageValue target for desired_workers (what KEDA's ScaledObject sets). Default: 1.</summary>
    public double BacklogTarget { get; init; } = 1;

    /// <summary>The load script (JSON); null takes experiments/autoscale-load.json. Default: null.</summary>
    public string? LoadFile { get; init; }

    /// <summary>Pi:ChunkPoints for the hosts; null keeps the service default (2^29). Default: null.</summary>
    public long? ChunkPoints { get; init; }

    /// <summary>The longest wait, after the script, for the calculations to finish and the replicas to return to the minimum. Default: 300 s.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How long a stopped worker may take to exit after SIGTERM before it is killed. Default: 30 s, Kubernetes' grace period.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether workers are bound to one CPU each with taskset (where it is installed). Default: true.</summary>
    public bool Pin { get; init; } = true;

    /// <summary>Time between two samples of the cluster for samples.csv. Default: 500 ms.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The repository root; null finds it above the current folder. Default: null.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>The build configuration of the hosts' dlls. Default: Release.</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>The CPU window actually used.</summary>
    public TimeSpan EffectiveMetricWindow => MetricWindow ?? Period;
}
