namespace Pi.Orleans.Experiments.Simulation;

/// <summary>Reads a timeline trace and replays it through the HPA twice: CPU scaling and backlog (KEDA) scaling.</summary>
public static class SimulateExperiment
{
    public static SimulationResult Run(string tracePath, SimulationOptions options)
    {
        var trace = WorkloadTrace.FromTimeline(TimelineCsv.Read(tracePath), options.TimeScale);
        var (ready, firstWork) = WorkloadTrace.JoinDelays(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(tracePath))!, "joins.csv"));
        var podReady = options.PodReadySeconds ?? ready ?? 10;
        var first = Math.Max(0, options.FirstWorkSeconds ?? firstWork ?? 2);
        var simulator = new HpaSimulator(trace, options, podReady, first);
        return new SimulationResult(tracePath, options, trace, podReady, first, simulator.Run(HpaSimulator.Cpu), simulator.Run(HpaSimulator.Backlog));
    }
}
