using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Faults;

/// <summary>
/// The slow fault: a process's CPU cut to 30% of one core while a hold runs. Where this machine lets the soak write a cgroup cpu
/// controller, the process goes into a group of its own (pi-chaos-{tag}-{name}) with that quota and back to its own group
/// afterwards, the group removed; else a SIGSTOP/SIGCONT duty cycle (70 ms stopped, 30 ms running) does about the same, more
/// coarsely. <see cref="Description"/> says which, for the report. <see cref="Dispose"/> removes any group left, also on exit.
/// </summary>
public sealed class CpuThrottle : IDisposable
{
    private const int Quota = 30_000;
    private const int Period = 100_000;
    private static readonly TimeSpan Stopped = TimeSpan.FromMilliseconds(70);
    private static readonly TimeSpan Running = TimeSpan.FromMilliseconds(30);
    private readonly string _prefix;
    private readonly CgroupCpu? _cgroup;

    private CpuThrottle(string tag, CgroupCpu? cgroup, string description)
    {
        (_prefix, _cgroup, Description) = (Prefix(tag), cgroup, description);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>How a slowed process is slowed on this machine.</summary>
    public string Description { get; }

    /// <summary>Finds a cpu controller and proves it writable with a group of its own; else the duty cycle, saying why (or always, with <paramref name="cgroups"/> false).</summary>
    public static CpuThrottle Create(string tag, bool cgroups = true)
    {
        var cgroup = cgroups ? CgroupCpu.Find() : null;
        if (cgroup is null)
        {
            return new CpuThrottle(tag, null, DutyCycle(cgroups ? "no cgroup hierarchy with the cpu controller is mounted" : "cgroups not asked for"));
        }

        try
        {
            cgroup.Remove(cgroup.Create(Prefix(tag) + "probe", Quota, Period));
            return new CpuThrottle(tag, cgroup, cgroup.Describe(Quota, Period));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CpuThrottle(tag, null, DutyCycle($"the {(cgroup.Unified ? "v2" : "v1")} cpu controller at {cgroup.Root} is not writable: {e.Message}"));
        }
    }

    /// <summary>Slows <paramref name="pid"/> while <paramref name="hold"/> runs, then gives it its CPU back; returns what was done.</summary>
    public async Task<string> HoldAsync(int pid, string name, Func<Task> hold)
    {
        if (_cgroup is null)
        {
            await DutyCycleAsync(pid, hold);
            return "SIGSTOP/SIGCONT duty cycle 70/30 ms";
        }

        var home = _cgroup.GroupOf(pid);
        var group = _cgroup.Create(_prefix + name, Quota, Period);
        try
        {
            CgroupCpu.Move(pid, group);
            await hold();
        }
        finally
        {
            if (home is not null)
            {
                CgroupCpu.Move(pid, home);
            }

            _cgroup.Remove(group);
        }

        return $"{(_cgroup.Unified ? "cpu.max" : "cpu.cfs_quota_us")} {Quota}/{Period} in {group}";
    }

    /// <summary>The groups a throttle of this tag made that still exist (for tests: none after a soak).</summary>
    public static IReadOnlyList<string> Leftovers(string tag) => CgroupCpu.Find()?.Groups(Prefix(tag)) ?? [];

    /// <summary>Removes every group of this tag still there (the processes in it go to the root group). Idempotent.</summary>
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var group in _cgroup?.Groups(_prefix) ?? [])
        {
            try
            {
                _cgroup!.Remove(group);
            }
            catch (IOException)
            {
                // Last-resort cleanup (also on Ctrl-C): Leftovers and the cleanup in experiments/README.md catch what stays.
            }
        }
    }

    private static string Prefix(string tag) => $"pi-chaos-{tag}-";

    private static string DutyCycle(string why) =>
        $"SIGSTOP/SIGCONT duty cycle, 70 ms stopped / 30 ms running (≈30% of the time), because {why}";

    private static async Task DutyCycleAsync(int pid, Func<Task> hold)
    {
        using var stop = new CancellationTokenSource();
        var cycle = CycleAsync(pid, stop.Token);
        try
        {
            await hold();
        }
        finally
        {
            await stop.CancelAsync();
            await cycle;
        }
    }

    private static async Task CycleAsync(int pid, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                OsProcess.Pause(pid);
                await Task.Delay(Stopped, stop);
                OsProcess.Resume(pid);
                await Task.Delay(Running, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The hold is over.
        }
        finally
        {
            OsProcess.Resume(pid);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
