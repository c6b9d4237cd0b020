namespace Pi.Orleans.Experiments.Kubernetes;

/// <summary>The load the Kubernetes experiment applies and how it samples; defaults follow manifests/README.md's stress run.</summary>
public sealed record KubernetesExperimentOptions
{
    /// <summary>The Api's URL from where this runs, e.g. http://NODE:30080. Default: --api.</summary>
    public required string ApiUrl { get; init; }

    /// <summary>The API key for submitting (the chart's Auth:ApiKeys); null sends none. Default: null.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The namespace. Default: pi-orleans.</summary>
    public string Namespace { get; init; } = "pi-orleans";

    /// <summary>The worker HPA's name. Default: pi-orleans-silo.</summary>
    public string HpaName { get; init; } = "pi-orleans-silo";

    /// <summary>kubectl context; null uses the current one. Default: null.</summary>
    public string? Context { get; init; }

    /// <summary>Distributed calculations to submit. Default: 20.</summary>
    public int Count { get; init; } = 20;

    /// <summary>Points of each calculation. Default: 2·10^11.</summary>
    public long Points { get; init; } = 200_000_000_000;

    /// <summary>Seconds between two submissions. Default: 10.</summary>
    public double IntervalSeconds { get; init; } = 10;

    /// <summary>Seconds between two samples. Default: 5.</summary>
    public double SampleSeconds { get; init; } = 5;

    /// <summary>Seconds sampled after the last calculation finished, to see the scale-down. Default: 240.</summary>
    public double TailSeconds { get; init; } = 240;

    /// <summary>Longest run, seconds. Default: 3600.</summary>
    public double MaxSeconds { get; init; } = 3600;
}
