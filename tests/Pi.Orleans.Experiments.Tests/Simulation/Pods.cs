using Pi.Orleans.Experiments.Simulation;

namespace Pi.Orleans.Experiments.Tests.Simulation;

/// <summary>Pod samples for hand-computed cases: old pods (past the 5-minute CPU initialization period) unless said otherwise.</summary>
internal static class Pods
{
    public const double Now = 1000;

    public static PodSample Ready(string name, long usage, long request = 1000) =>
        new(name, PodPhase.Running, 0, true, 10, request, new PodMetric(usage, Now, 15));

    public static PodSample NotReady(string name, long request = 1000) =>
        new(name, PodPhase.Running, Now - 20, false, Now - 20, request, new PodMetric(0, Now, 15));

    public static PodSample WithoutMetric(string name, long request = 1000) =>
        new(name, PodPhase.Running, 0, true, 10, request, null);
}
