namespace Pi.Orleans.Experiments.Simulation;

/// <summary>One simulated second of one strategy: replicas, ready pods, backlog, throughput, mean CPU of the pods and the metric the HPA read last.</summary>
public sealed record SimulationRow(double Time, string Strategy, int Replicas, int ReadyPods, long BacklogPoints, double PointsPerSecond, double CpuPercentOfRequest, double MetricValue);
