using Pi.Orleans.Experiments.Simulation;

namespace Pi.Orleans.Experiments.Tests.Simulation;

public sealed class HpaSimulatorTests
{
    /// <summary>One busy worker for 60 s computing 10^9 points/s of a 2·10^11-point calculation submitted at t=0.</summary>
    private static WorkloadTrace BusyTrace() => WorkloadTrace.FromTimeline(
        [.. Enumerable.Range(0, 61).Select(t => new TimelineRow(t, "load", 1, 1, 1, 1, 1, 300, 2, 200_000_000_000, t * 1_000_000_000L, 1e9, 1.0))], 1);

    [Fact]
    public void TheTraceGivesTheCostOfAPointAndTheArrivals()
    {
        var trace = BusyTrace();

        Assert.Equal([(0.0, 200_000_000_000L)], trace.Arrivals);
        Assert.Equal(1e9, trace.PointsPerCoreSecond, 1e-6); // 6·10^10 points over 60 s × 1 core
    }

    [Fact]
    public void TheBacklogSignalScalesBeforeCpuMetricsShowTheLoad()
    {
        var simulator = new HpaSimulator(BusyTrace(), new SimulationOptions { TailSeconds = 400 }, podReadySeconds: 10, firstWorkSeconds: 2);

        var cpu = simulator.Run(HpaSimulator.Cpu);
        var backlog = simulator.Run(HpaSimulator.Backlog);

        // Backlog: at t=0 two chunks are in flight for one slot → desired_workers 2; at t=15 two ready workers → 4, clamped to 3.
        Assert.Equal((0.0, 15.0), (backlog.FirstAtTwo!.Value, backlog.FirstAtThree!.Value));
        // CPU: the t=0 sample still averages the idle past; at t=15 the pod runs at 200% of its 500m request → ceil(200/60) = 4 → max 3.
        Assert.Equal((15.0, 15.0), (cpu.FirstAtTwo!.Value, cpu.FirstAtThree!.Value));
        Assert.All(new[] { cpu, backlog }, s => Assert.Equal(3, s.PeakReplicas));
        Assert.All(new[] { cpu, backlog }, s => Assert.NotNull(s.BackToMin));
        Assert.Single(cpu.CalculationSeconds);
    }
}
