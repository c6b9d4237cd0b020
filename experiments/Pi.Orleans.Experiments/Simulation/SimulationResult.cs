namespace Pi.Orleans.Experiments.Simulation;

/// <summary>A replay of one trace through both strategies, with the inputs that were derived from the trace.</summary>
public sealed record SimulationResult(
    string TracePath, SimulationOptions Options, WorkloadTrace Trace, double PodReadySeconds, double FirstWorkSeconds, StrategyResult Cpu, StrategyResult Backlog);
