using Pi.Orleans.Grains.Sampling;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>
/// The inside count for (seed, points), computed here with the sampler's source (linked into this tool, no Orleans):
/// one run over all the points, no chunks, so it is independent of how the service split, placed or retried the work.
/// </summary>
public static class ExpectedCounts
{
    public static IReadOnlyDictionary<(ulong Seed, long Points), long> Compute(IEnumerable<(ulong Seed, long Points)> pairs, CancellationToken cancellationToken)
    {
        var distinct = pairs.Distinct().ToList();
        var counts = new long[distinct.Count];
        Parallel.For(0, distinct.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            counts[i] = PiSampler.CountInside(distinct[i].Seed, 0, distinct[i].Points, cancellationToken));
        return distinct.Select((p, i) => (p, counts[i])).ToDictionary(x => x.p, x => x.Item2);
    }
}
