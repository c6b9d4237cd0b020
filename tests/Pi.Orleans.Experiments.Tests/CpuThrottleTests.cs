using Pi.Orleans.Experiments.Faults;
using System.Diagnostics;

namespace Pi.Orleans.Experiments.Tests;

public sealed class CpuThrottleTests
{
    private readonly string _tag = "ct" + (Environment.ProcessId % 100_000);

    [Fact]
    public async Task ASlowedProcessRunsInACpuGroupOfItsOwnAndGoesBackToItsGroupAfterwards()
    {
        using var throttle = CpuThrottle.Create(_tag);
        Assert.SkipWhen(throttle.Description.StartsWith("SIGSTOP", StringComparison.Ordinal), "no writable cgroup cpu controller here (needs root): " + throttle.Description);
        using var sleeper = Sleeper();
        var before = Groups(sleeper.Id);
        var during = "";

        await throttle.HoldAsync(sleeper.Id, "sleeper", () => Task.FromResult(during = Groups(sleeper.Id)));

        Assert.Contains($"/pi-chaos-{_tag}-sleeper", during, StringComparison.Ordinal);
        Assert.Equal(before, Groups(sleeper.Id));
        Assert.Empty(CpuThrottle.Leftovers(_tag));
        sleeper.Kill();
    }

    [Fact]
    public async Task TheDutyCycleStopsTheProcessAndLeavesItRunning()
    {
        using var throttle = CpuThrottle.Create(_tag, cgroups: false);
        using var sleeper = Sleeper();

        await throttle.HoldAsync(sleeper.Id, "sleeper", () => Eventually.HoldsAsync(
            _ => Task.FromResult(State(sleeper.Id) == 'T'), TimeSpan.FromSeconds(10), () => "the process seen stopped", TestContext.Current.CancellationToken, TimeSpan.FromMilliseconds(5)));

        Assert.StartsWith("SIGSTOP/SIGCONT duty cycle", throttle.Description, StringComparison.Ordinal);
        Assert.NotEqual('T', State(sleeper.Id));
        sleeper.Kill();
    }

    private static Process Sleeper() => Process.Start("sleep", "120");

    private static string Groups(int pid) => File.ReadAllText($"/proc/{pid}/cgroup");

    private static char State(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }
}
