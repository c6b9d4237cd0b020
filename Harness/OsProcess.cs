using System.Runtime.InteropServices;

namespace Pi.Orleans.Harness;

/// <summary>Signals and liveness of a process known only by its id (one started by an earlier run, e.g. `pi cluster up`).</summary>
public static class OsProcess
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether the process runs (a zombie, exited but not yet reaped, does not).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ..."; comm may hold spaces and parentheses, the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Whether the process runs and its command line holds <paramref name="marker"/> (so a reused id is not taken for it).</summary>
    public static bool IsRunning(int pid, string marker)
    {
        try
        {
            return IsRunning(pid) && File.ReadAllText($"/proc/{pid}/cmdline").Contains(marker, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Sends SIGTERM.</summary>
    public static void Terminate(int pid) => _ = SendSignal(pid, SigTerm);

    /// <summary>Sends SIGKILL.</summary>
    public static void Kill(int pid) => _ = SendSignal(pid, SigKill);

    /// <summary>Sends SIGSTOP: the process stands still, as in a long GC pause or a stalled VM, until <see cref="Resume"/>.</summary>
    public static void Pause(int pid) => _ = SendSignal(pid, SigStop);

    /// <summary>Sends SIGCONT.</summary>
    public static void Resume(int pid) => _ = SendSignal(pid, SigCont);

    /// <summary>Sends SIGTERM, waits up to <paramref name="timeout"/> for the exit, then sends SIGKILL and waits until it is gone.</summary>
    public static async Task StopAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Terminate(pid);
        try
        {
            await Eventually.HoldsAsync(_ => Task.FromResult(!IsRunning(pid)), timeout, () => $"process {pid} exited", cancellationToken, CheckEvery);
        }
        catch (TimeoutException)
        {
            _ = SendSignal(pid, SigKill);
            await Eventually.HoldsAsync(_ => Task.FromResult(!IsRunning(pid)), timeout, () => $"process {pid} gone after SIGKILL", cancellationToken, CheckEvery);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
