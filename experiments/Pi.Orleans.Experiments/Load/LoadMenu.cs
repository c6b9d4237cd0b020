namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// The (seed, points) pairs the chaos profile draws from: a few distributed sizes and a few small single ones, each with two
/// seeds. Few pairs, so that every expected count can be computed once, in-process, however many calculations ran.
/// </summary>
public sealed record LoadMenu(IReadOnlyList<(ulong Seed, long Points)> Distributed, IReadOnlyList<(ulong Seed, long Points)> Single)
{
    /// <summary>The soak's menu: distributed calculations of 2e9..2e10 points, singles of 1e6..1e7.</summary>
    public static LoadMenu Standard(int seed) => Build(seed, [2_000_000_000, 5_000_000_000, 10_000_000_000, 20_000_000_000]);

    /// <summary>The test suite's menu: smaller distributed calculations, so that the expected counts are quick to compute.</summary>
    public static LoadMenu Small(int seed) => Build(seed, [1_000_000_000, 2_500_000_000, 6_000_000_000]);

    private static LoadMenu Build(int seed, long[] distributedSizes)
    {
        // The same pairs as the chaos soak's own menu, so that its committed seeds reproduce.
        var first = 1_000UL + ((ulong)seed % 1_000_000);
        return new LoadMenu(
            [.. distributedSizes.SelectMany((p, i) => new[] { (first + (ulong)(2 * i), p), (first + (ulong)(2 * i) + 1, p + 12_345) })],
            [.. new long[] { 1_000_000, 3_000_000, 10_000_000 }.SelectMany((p, i) => new[] { (first + 100 + (ulong)i, p), (first + 200 + (ulong)i, p + 777) })]);
    }
}
