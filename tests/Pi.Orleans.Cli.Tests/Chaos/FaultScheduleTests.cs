using Pi.Orleans.Cli.Experiments.Chaos;

namespace Pi.Orleans.Cli.Tests.Chaos;

public sealed class FaultScheduleTests
{
    private const int CommittedSeed = 20_260_314;

    // The schedule of docs/experiments/chaos/report.md (seed 20260314, 600 s), to the tick, as the code of that report drew it.
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

    [Fact]
    public void TheCommittedReportsScheduleStillComesFromItsSeed() =>
        Assert.Equal(CommittedReport, FaultSchedule.Build(CommittedSeed, TimeSpan.FromMinutes(10)));

    [Fact]
    public void TheSixtySecondSoaksScheduleStillComesFromItsSeed() =>
        Assert.Equal(SixtySeconds, FaultSchedule.Build(CommittedSeed, TimeSpan.FromSeconds(60)));

    private static ScheduledFault Row(double atSeconds, FaultKind kind, int holdSeconds, int pick) =>
        new(TimeSpan.FromTicks((long)Math.Round(atSeconds * TimeSpan.TicksPerSecond)), kind, TimeSpan.FromSeconds(holdSeconds), pick);
}
