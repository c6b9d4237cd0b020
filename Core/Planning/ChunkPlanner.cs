using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Core.Planning;

/// <summary>
/// The one place a calculation is planned: the calculation grain when it starts one, the Api before it accepts one (so a
/// request that would be refused gets its 400 without a grain), and the cluster simulation all call it, so they cannot
/// drift apart. A resume does not plan again: it rebuilds the same chunks from the four numbers the state stores
/// (<see cref="ChunkPlan.Of"/>).
/// </summary>
public static class ChunkPlanner
{
    /// <summary>
    /// Plans <paramref name="totalPoints"/> on the <paramref name="silos"/> now: the chunks at their measured rate
    /// (<see cref="ChunkPlan.ForCluster"/>), the attempt timeout (<see cref="ChunkTiming.Timeout"/>) and the refusal, if any
    /// (<see cref="ChunkTiming.Refusal"/>).
    /// </summary>
    public static ChunkPlanning Plan(long totalPoints, IReadOnlyCollection<SiloSlots> silos, PlanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(silos);
        ArgumentNullException.ThrowIfNull(options);
        var rate = silos.PointsPerSecondPerSlot();
        var plan = ChunkPlan.ForCluster(totalPoints, silos, options);
        var seconds = plan.ChunkSeconds(rate);
        return new ChunkPlanning(plan, rate, seconds, ChunkTiming.Timeout(options.ChunkTimeout, seconds), ChunkTiming.Refusal(plan, rate, options));
    }
}
