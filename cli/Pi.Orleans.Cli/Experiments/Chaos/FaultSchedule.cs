namespace Pi.Orleans.Cli.Experiments.Chaos;

/// <summary>
/// The seeded fault schedule: every kind once per round (one round per 4 minutes, at least one), in a seeded order, spread
/// over the load after a warm-up with a seeded jitter. The same seed and duration give the same schedule.
/// </summary>
public static class FaultSchedule
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    public static IReadOnlyList<ScheduledFault> Build(int seed, TimeSpan duration)
    {
        var random = new Random(seed);
        var rounds = Math.Max(1, (int)Math.Round(duration.TotalMinutes / 4));
        var kinds = Enumerable.Range(0, rounds).SelectMany(_ => Shuffle(Enum.GetValues<FaultKind>(), random)).ToList();
        var warmUp = TimeSpan.FromSeconds(Math.Min(15, duration.TotalSeconds / 8));
        var spacing = (duration - warmUp - Margin) / kinds.Count;
        return [.. kinds.Select((kind, i) => new ScheduledFault(
            warmUp + (spacing * i) + (spacing * (random.NextDouble() / 2)),
            kind,
            Hold(kind, random),
            random.Next(1000)))];
    }

    private static TimeSpan Hold(FaultKind kind, Random random) => kind switch
    {
        FaultKind.Partition or FaultKind.Impairment => TimeSpan.FromSeconds(20 + random.Next(21)),
        FaultKind.RedisRestart => TimeSpan.FromSeconds(2 + random.Next(4)),
        _ => TimeSpan.Zero,
    };

    private static List<FaultKind> Shuffle(FaultKind[] kinds, Random random)
    {
        var list = kinds.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
