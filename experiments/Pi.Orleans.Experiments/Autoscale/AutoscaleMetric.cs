namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>The metrics the controller can scale on.</summary>
public static class AutoscaleMetric
{
    /// <summary>Worker CPU time against the CPU request, with an averageUtilization target (a Resource metric).</summary>
    public const string Cpu = "cpu";

    /// <summary>The Api's desired_workers = ceil((used + queued) / slots per worker), with an AverageValue target (an External metric, as KEDA).</summary>
    public const string Backlog = "backlog";

    public static IReadOnlyList<string> All { get; } = [Cpu, Backlog];
}
