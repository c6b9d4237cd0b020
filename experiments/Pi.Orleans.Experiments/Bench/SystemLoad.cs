using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>The share of all cores busy over a second, from /proc/stat (the load averages are <see cref="Output.MachineInfo"/>'s).</summary>
public static class SystemLoad
{
    /// <summary>The share of all cores (%) busy over the next second: user, nice, system, irq, softirq and steal against idle and iowait.</summary>
    public static async Task<int> BusyShareAsync(CancellationToken cancellationToken)
    {
        var a = CpuLine();
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var b = CpuLine();
        long Sum(long[] v, params int[] i) => i.Sum(k => v[k]);
        var busy = Sum(b, 1, 2, 3, 6, 7, 8) - Sum(a, 1, 2, 3, 6, 7, 8);
        var idle = Sum(b, 4, 5) - Sum(a, 4, 5);
        return (int)(100 * busy / Math.Max(1, busy + idle));
    }

    // The fields of /proc/stat's first line, "cpu" at 0.
    private static long[] CpuLine() =>
        [0, .. File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(v => long.Parse(v, CultureInfo.InvariantCulture))];
}
