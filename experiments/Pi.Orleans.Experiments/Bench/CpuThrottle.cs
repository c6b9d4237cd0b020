using System.Diagnostics;
using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Holds one process to 30% of a CPU: a cgroup v2 cpu.max of "30000 100000" where /sys/fs/cgroup is cgroup v2, else the cgroup
/// v1 cpu controller's CFS quota, else a SIGSTOP/SIGCONT duty cycle (70 ms stopped, 30 ms running) run by a shell loop.
/// Disposing moves the process back and removes what was made. With dutyOnly the cgroups are skipped (SLOW_BY=duty).
/// </summary>
public sealed class CpuThrottle : IAsyncDisposable
{
    private const string Root = "/sys/fs/cgroup";
    private readonly int _pid;
    private string? _cgroup;
    private string? _home;
    private Process? _duty;

    private CpuThrottle(int pid) => _pid = pid;

    /// <summary>How the process is held, for the report.</summary>
    public string How { get; private set; } = "";

    public static CpuThrottle Start(int pid, bool dutyOnly)
    {
        var throttle = new CpuThrottle(pid);
        if (!dutyOnly && (throttle.TryV2() || throttle.TryV1()))
        {
            return throttle;
        }

        throttle.StartDutyCycle(dutyOnly ? "SLOW_BY=duty" : "no cgroup could be made");
        return throttle;
    }

    private bool TryV2()
    {
        try
        {
            if (!File.Exists($"{Root}/cgroup.controllers") || !File.ReadAllText($"{Root}/cgroup.controllers").Split(' ', '\n').Contains("cpu"))
            {
                return false;
            }

            _home = Root + File.ReadLines($"/proc/{_pid}/cgroup").First(l => l.StartsWith("0::", StringComparison.Ordinal))[3..];
            if (!File.ReadAllText($"{Root}/cgroup.subtree_control").Split(' ', '\n').Contains("cpu"))
            {
                File.WriteAllText($"{Root}/cgroup.subtree_control", "+cpu");
            }

            _cgroup = Directory.CreateDirectory($"{Root}/pi-bench-{Environment.ProcessId}").FullName;
            File.WriteAllText($"{_cgroup}/cpu.max", "30000 100000");
            File.WriteAllText($"{_cgroup}/cgroup.procs", _pid.ToString(CultureInfo.InvariantCulture));
            How = "cgroup v2 cpu.max 30000 100000";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            RemoveCgroup();
            return false;
        }
    }

    private bool TryV1()
    {
        const string v1 = Root + "/cpu";
        try
        {
            if (!File.Exists($"{v1}/cpu.cfs_quota_us"))
            {
                return false;
            }

            var line = File.ReadLines($"/proc/{_pid}/cgroup").First(l => l.Split(':')[1].Split(',').Contains("cpu"));
            _home = v1 + line.Split(':', 3)[2];
            _cgroup = Directory.CreateDirectory($"{v1}/pi-bench-{Environment.ProcessId}").FullName;
            File.WriteAllText($"{_cgroup}/cpu.cfs_period_us", "100000");
            File.WriteAllText($"{_cgroup}/cpu.cfs_quota_us", "30000");
            File.WriteAllText($"{_cgroup}/cgroup.procs", _pid.ToString(CultureInfo.InvariantCulture));
            How = "cgroup v1 cpu.cfs_quota_us 30000 of cpu.cfs_period_us 100000";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            RemoveCgroup();
            return false;
        }
    }

    private void StartDutyCycle(string why)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"while kill -STOP {_pid} 2>/dev/null; do sleep 0.07; kill -CONT {_pid} 2>/dev/null || break; sleep 0.03; done");
        _duty = Process.Start(start);
        How = $"a SIGSTOP/SIGCONT duty cycle, 70 ms stopped, 30 ms running ({why})";
    }

    public async ValueTask DisposeAsync()
    {
        if (_duty is not null)
        {
            _duty.Kill();
            await _duty.WaitForExitAsync();
            _duty.Dispose();
        }

        if (_cgroup is not null && _home is not null)
        {
            try
            {
                File.WriteAllText($"{_home}/cgroup.procs", _pid.ToString(CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process is gone.
            }
        }

        for (var i = 0; i < 10 && _cgroup is not null && Directory.Exists(_cgroup); i++)
        {
            RemoveCgroup();
            await Task.Delay(200);
        }

        await Signals.ContinueAsync(_pid);
    }

    private void RemoveCgroup()
    {
        try
        {
            if (_cgroup is not null)
            {
                Directory.Delete(_cgroup);
            }
        }
        catch (IOException)
        {
            // Still has a process; tried again.
        }
    }
}
