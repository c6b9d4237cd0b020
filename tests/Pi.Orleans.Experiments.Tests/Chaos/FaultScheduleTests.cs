using Pi.Orleans.Experiments.Chaos;

namespace Pi.Orleans.Experiments.Tests.Chaos;

public sealed class FaultScheduleTests
{
    private const int CommittedSeed = 20_260_314;

    // The schedule of results/chaos/report.md (seed 20260314, 600 s), to the tick, as the code of that report drew it.
    private static readonly ScheduledFault[] CommittedReport =
    [
        Row(34.5678870, FaultKind.RedisRestart, 4, 772),
        Row(66.5544193, FaultKind.ApiRestart, 0, 616),
        Row(98.7117069, FaultKind.Partition, 24, 814),
        Row(152.5974641, FaultKind.WorkerStop, 0, 376),
        Row(192.5065671, FaultKind.Impairment, 25, 228),
        Row(227.8963158, FaultKind.WorkerKill, 0, 66),
        Row(274.0938219, FaultKind.TwoWorkersKill, 0, 576),
        Row(310.6294198, FaultKind.ApiRestart, 0, 154),
        Row(354.2817161, FaultKind.Impairment, 22, 692),
        Row(391.9653491, FaultKind.TwoWorkersKill, 0, 587),
        Row(430.8401991, FaultKind.WorkerStop, 0, 423),
        Row(487.1134684, FaultKind.WorkerKill, 0, 619),
        Row(520.8241127, FaultKind.Partition, 38, 887),
        Row(563.1366220, FaultKind.RedisRestart, 3, 424),
    ];

    // The 60-second mode of ChaosSoakTests with the same seed.
    private static readonly ScheduledFault[] SixtySeconds =
    [
        Row(8.4804404, FaultKind.RedisRestart, 5, 174),
        Row(15.3028277, FaultKind.ApiRestart, 0, 121),
        Row(21.9908604, FaultKind.Partition, 39, 584),
        Row(30.4793566, FaultKind.WorkerStop, 0, 488),
        Row(36.7335809, FaultKind.Impairment, 20, 204),
        Row(44.1917791, FaultKind.WorkerKill, 0, 642),
        Row(49.4905442, FaultKind.TwoWorkersKill, 0, 569),
    ];

    // The kinds the committed report had; every kind since draws from its own stream.
    private static readonly FaultKind[] FirstKinds =
    [
        FaultKind.WorkerKill, FaultKind.WorkerStop, FaultKind.RedisRestart, FaultKind.ApiRestart, FaultKind.TwoWorkersKill,
        FaultKind.Partition, FaultKind.Impairment,
    ];

    // Freeze and Slow in the same 10 minutes, pinned from the code that added them: a kind added later must leave them be.
    private static readonly ScheduledFault[] AddedIn10Minutes =
    [
        Row(129.0138474, FaultKind.Freeze, 17, 327),
        Row(187.2770933, FaultKind.Slow, 18, 46),
        Row(449.3327380, FaultKind.Freeze, 8, 658),
        Row(479.7576937, FaultKind.Slow, 16, 56),
    ];

    [Fact]
    public void TheCommittedReportsScheduleStillComesFromItsSeed() =>
        Assert.Equal(CommittedReport, FirstKindsOf(FaultSchedule.Build(CommittedSeed, TimeSpan.FromMinutes(10))));

    [Fact]
    public void TheSixtySecondSoaksScheduleStillComesFromItsSeed() =>
        Assert.Equal(SixtySeconds, FirstKindsOf(FaultSchedule.Build(CommittedSeed, TimeSpan.FromSeconds(60))));

    [Fact]
    public void FreezeAndSlowComeOncePerRoundInTimeOrderWithTheirHolds()
    {
        var schedule = FaultSchedule.Build(CommittedSeed, TimeSpan.FromMinutes(10));

        Assert.Equal(schedule.OrderBy(f => f.At), schedule);
        Assert.Equal(2, schedule.Count(f => f.Kind == FaultKind.Freeze));
        Assert.Equal(2, schedule.Count(f => f.Kind == FaultKind.Slow));
        Assert.All(schedule.Where(f => f.Kind == FaultKind.Freeze), f => Assert.InRange(f.Hold.TotalSeconds, 8, 20));
        Assert.All(schedule.Where(f => f.Kind == FaultKind.Slow), f => Assert.InRange(f.Hold.TotalSeconds, 15, 30));
        Assert.All(schedule, f => Assert.InRange(f.At.TotalSeconds, 15, 595));
    }

    [Fact]
    public void EveryKindIsInTheSixtySecondSoak() =>
        Assert.Equal(Enum.GetValues<FaultKind>().Order(), FaultSchedule.Build(CommittedSeed, TimeSpan.FromSeconds(60)).Select(f => f.Kind).Order());

    [Fact]
    public void FreezeAndSlowKeepTheirTimesForTheCommittedSeed()
    {
        var added = FaultSchedule.Build(CommittedSeed, TimeSpan.FromMinutes(10)).Where(f => !FirstKinds.Contains(f.Kind));

        Assert.Equal(AddedIn10Minutes, added);
    }

    [Fact]
    public void AddingAKindToTheMenuLeavesEveryExistingKindsScheduleAsItWas()
    {
        // A kind that does not exist yet: the next FaultKind number, appended to the menu as a new fault would be.
        var next = (FaultKind)Enum.GetValues<FaultKind>().Length;
        var today = FaultSchedule.Build(CommittedSeed, TimeSpan.FromMinutes(10));

        var tomorrow = FaultSchedule.Build(CommittedSeed, TimeSpan.FromMinutes(10), [FaultKind.Freeze, FaultKind.Slow, next]);

        Assert.Equal(today, tomorrow.Where(f => f.Kind != next));
        Assert.Equal(2, tomorrow.Count(f => f.Kind == next));
        Assert.Equal(CommittedReport, FirstKindsOf(tomorrow));
        Assert.Equal(AddedIn10Minutes, tomorrow.Where(f => f.Kind is FaultKind.Freeze or FaultKind.Slow));
    }

    [Fact]
    public void TheMenusOrderDoesNotMoveAnyKind() =>
        Assert.Equal(
            FaultSchedule.Build(CommittedSeed, TimeSpan.FromMinutes(10)),
            FaultSchedule.Build(CommittedSeed, TimeSpan.FromMinutes(10), [FaultKind.Slow, FaultKind.Freeze]));

    [Fact]
    public void FaultKindNumbersAreAppendOnly()
    {
        // Each added kind's stream is derived from its number: renumbering one would silently move its faults.
        Assert.Equal(7, (int)FaultKind.Freeze);
        Assert.Equal(8, (int)FaultKind.Slow);
        Assert.Equal(FirstKinds, Enum.GetValues<FaultKind>().Take(FirstKinds.Length));
    }

    private static List<ScheduledFault> FirstKindsOf(IEnumerable<ScheduledFault> schedule) => [.. schedule.Where(f => FirstKinds.Contains(f.Kind))];

    private static ScheduledFault Row(double atSeconds, FaultKind kind, int holdSeconds, int pick) =>
        new(TimeSpan.FromTicks((long)Math.Round(atSeconds * TimeSpan.TicksPerSecond)), kind, TimeSpan.FromSeconds(holdSeconds), pick);
}
