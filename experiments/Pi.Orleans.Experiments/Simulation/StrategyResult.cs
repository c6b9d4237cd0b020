namespace Pi.Orleans.Experiments.Simulation;

/// <summary>
/// One strategy's replay: its seconds and HPA syncs, and a summary (peak replicas, when 2 and 3 were first reached, when the last work
/// finished and when the count was back at the minimum, pod-seconds, and each calculation's time from submission to its last point).
/// </summary>
public sealed record StrategyResult(
    string Strategy,
    string Metric,
    IReadOnlyList<SimulationRow> Rows,
    IReadOnlyList<HpaDecision> Decisions,
    int PeakReplicas,
    double? FirstAtTwo,
    double? FirstAtThree,
    double? LastWorkDone,
    double? BackToMin,
    double PodSeconds,
    IReadOnlyList<double> CalculationSeconds);
