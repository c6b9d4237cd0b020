namespace Pi.Orleans.Experiments.Simulation;

/// <summary>A metrics-server sample of one pod: CPU in millicores averaged over <paramref name="WindowSeconds"/> ending at <paramref name="Timestamp"/>.</summary>
public sealed record PodMetric(long UsageMillicores, double Timestamp, double WindowSeconds);
