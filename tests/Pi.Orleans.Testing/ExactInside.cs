using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Testing;

/// <summary>
/// The inside count a calculation of (seed, points) must report, computed by the sampler alone in this process, cut into other
/// chunks than the service's (the count depends only on seed and points), as experiments' ExpectedCounts does.
/// </summary>
public static class ExactInside
{
    public static long Of(ulong seed, long points, CancellationToken cancellationToken)
    {
        var plan = ChunkPlan.Create(points, Math.Max(1, points / (4 * Environment.ProcessorCount)), int.MaxValue);
        long inside = 0;
        Parallel.For(0, plan.ChunkCount, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var work = plan.Work(seed, i);
            Interlocked.Add(ref inside, PiSampler.CountInside(work.Seed, work.FirstBlock, work.Points, cancellationToken));
        });
        return inside;
    }
}
