namespace Pi.Orleans.Experiments.Chaos;

/// <summary>
/// The seeded fault schedule: every kind once per round (one round per 4 minutes, at least one), spread over the load after a
/// warm-up with a seeded jitter. The same seed and duration give the same schedule, and adding a kind leaves the other kinds'
/// times, holds and picks as they were, so a committed report still reproduces from its seed.
/// </summary>
public static class FaultSchedule
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    // The kinds of the first soak: one stream in a shuffled order, evenly spaced. This list and its order are frozen.
    private static readonly FaultKind[] FirstKinds =
    [
        FaultKind.WorkerKill, FaultKind.WorkerStop, FaultKind.RedisRestart, FaultKind.ApiRestart, FaultKind.TwoWorkersKill,
        FaultKind.Partition, FaultKind.Impairment,
    ];

    // Kinds added since, the menu a new fault joins (append it here and to FaultKind): each draws from a stream of its own
    // and lands anywhere in its round, overlapping the others as faults do anyway; joining the first kinds' spacing would
    // have moved all of them.
    private static readonly FaultKind[] AddedKinds = [FaultKind.Freeze, FaultKind.Slow];

    public static IReadOnlyList<ScheduledFault> Build(int seed, TimeSpan duration) => Build(seed, duration, AddedKinds);

    /// <summary>The schedule with <paramref name="added"/> as the menu of added kinds; the tests add a kind that does not exist yet.</summary>
    internal static IReadOnlyList<ScheduledFault> Build(int seed, TimeSpan duration, IReadOnlyList<FaultKind> added)
    {
        var rounds = Math.Max(1, (int)Math.Round(duration.TotalMinutes / 4));
        var warmUp = TimeSpan.FromSeconds(Math.Min(15, duration.TotalSeconds / 8));
        var span = duration - warmUp - Margin;
        return [.. First(seed, rounds, warmUp, span).Concat(added.SelectMany(k => Added(k, seed, rounds, warmUp, span))).OrderBy(f => f.At)];
    }

    private static List<ScheduledFault> First(int seed, int rounds, TimeSpan warmUp, TimeSpan span)
    {
        var random = new Random(seed);
        var kinds = Enumerable.Range(0, rounds).SelectMany(_ => Shuffle(FirstKinds, random)).ToList();
        var spacing = span / kinds.Count;
        return [.. kinds.Select((kind, i) => new ScheduledFault(
            warmUp + (spacing * i) + (spacing * (random.NextDouble() / 2)),
            kind,
            Hold(kind, random),
            random.Next(1000)))];
    }

    private static List<ScheduledFault> Added(FaultKind kind, int seed, int rounds, TimeSpan warmUp, TimeSpan span)
    {
        // A stream per kind, derived from the seed and the kind's number alone: neither the menu's order nor another kind
        // moves it. So FaultKind is append only (FaultScheduleTests pins the numbers).
        var random = new Random(unchecked(seed ^ (int)(0x9E3779B9u * (uint)((int)kind + 1))));
        var round = span / rounds;
        return [.. Enumerable.Range(0, rounds).Select(i => new ScheduledFault(
            warmUp + (round * (i + random.NextDouble())),
            kind,
            Hold(kind, random),
            random.Next(1000)))];
    }

    private static TimeSpan Hold(FaultKind kind, Random random) => kind switch
    {
        FaultKind.Partition or FaultKind.Impairment => TimeSpan.FromSeconds(20 + random.Next(21)),
        FaultKind.RedisRestart => TimeSpan.FromSeconds(2 + random.Next(4)),
        // Long enough for Orleans' default failure detection (three missed probes) to suspect the silo, and sometimes to declare it dead.
        FaultKind.Freeze => TimeSpan.FromSeconds(8 + random.Next(13)),
        FaultKind.Slow => TimeSpan.FromSeconds(15 + random.Next(16)),
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
