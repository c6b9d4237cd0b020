using Pi.Orleans.Experiments.Bench;

namespace Pi.Orleans.Experiments.Tests.Bench;

public sealed class StallLinesTests
{
    // A starved worker's log under main (bench starvation, 2026-12-07): Orleans 10.4.2's words, as the console logger writes them.
    private static readonly string[] Log =
    [
        "warn: Orleans.Runtime.MembershipService.LocalSiloHealthMonitor[86528487]",
        "      .NET Thread Pool execution stalled for 2.0689088s. This can indicate .NET Thread Pool starvation, very long .NET GC pauses, or other runtime or machine pauses.",
        "warn: Orleans.Runtime.MembershipService.LocalSiloHealthMonitor[1961930485]",
        "      Self-monitoring determined that local health is degraded. Degradation score is 2/8 (lower is better). Complaints: .NET Thread Pool execution stalled for 2.0689088s. This can indicate .NET Thread Pool starvation",
        "warn: Orleans.Runtime.MembershipService.LocalSiloHealthMonitor[86528487]",
        "      .NET Thread Pool execution stalled for 1.2909482s. This can indicate .NET Thread Pool starvation, very long .NET GC pauses, or other runtime or machine pauses.",
        "      .NET Runtime Platform stalled for 00:00:03.1. Total GC Pause duration during that period: 00:00:00",
    ];

    [Fact]
    public void CountsPoolStallsDegradedHealthAndPlatformStallsAfterTheLinesAlreadySeen()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, Log);

            var all = StallLines.Read(path, 0, out var lines);
            var later = StallLines.Read(path, 4, out _);

            // The degraded line quotes the stall it complains of: one degraded line, not a third stall.
            Assert.Equal(new StallLines(2, 1, 1, 2.0689088), all);
            Assert.Equal(new StallLines(1, 1, 0, 1.2909482), later);
            Assert.Equal(Log.Length + 1, lines);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
