using System.Runtime.InteropServices;

namespace Pi.Orleans.Grains.Slots;

/// <summary>
/// Sets the calling thread's nice value. .NET's <see cref="Thread.Priority"/> does nothing on Linux, so this asks the kernel
/// directly: on Linux a thread id is a process id for setpriority(2), which changes that one thread.
/// </summary>
internal static class ThreadNiceness
{
    private const int PrioProcess = 0;

    /// <summary>Gives the calling thread nice <paramref name="nice"/>; false off Linux or when the kernel refuses (raising priority needs CAP_SYS_NICE).</summary>
    public static bool TrySet(int nice) => OperatingSystem.IsLinux() && SetPriority(PrioProcess, GetThreadId(), nice) == 0;

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int prio);
}
