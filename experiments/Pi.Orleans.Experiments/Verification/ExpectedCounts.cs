using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Experiments.Verification;

/// <summary>
/// The inside count each (seed, points) must give, computed here by the sampler itself (Pi.Orleans.Core), with no Orleans, no
/// network and no retries, cut into other chunks than the service's and spread over this machine's cores. The count depends only
/// on (seed, points), so every experiment checks every answer against this.
/// </summary>
public static class ExpectedCounts
{
    public static IReadOnlyDictionary<(ulong Seed, long Points), long> Compute(IEnumerable<(ulong Seed, long Points)> pairs, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(ulong, long), long>();
        foreach (var pair in pairs.Distinct())
        {
            var plan = ChunkPlan.Create(pair.Points, Math.Max(1, pair.Points / (4 * Environment.ProcessorCount)), int.MaxValue);
            long inside = 0;
            Parallel.For(0, plan.ChunkCount, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var work = plan.Work(pair.Seed, i);
                Interlocked.Add(ref inside, PiSampler.CountInside(work.Seed, work.FirstBlock, work.Points, cancellationToken));
            });
            result[pair] = inside;
        }

        return result;
    }
}
