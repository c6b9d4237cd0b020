using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>What /proc says about one process: CPU time and resident memory.</summary>
public static class ProcessStats
{
    // USER_HZ: the unit of /proc/<pid>/stat's times; 100 on every Linux this runs on (getconf CLK_TCK).
    private const int ClockTicks = 100;

    /// <summary>User + system CPU time of the processes so far, in milliseconds.</summary>
    public static long CpuMs(params IEnumerable<int> pids) => pids.Sum(pid =>
    {
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 1000 / ClockTicks;
    });

    /// <summary>VmRSS in MB (MiB, rounded), as the scripts' rss_mb.</summary>
    public static long RssMb(int pid) => (long)Math.Round(StatusKb(pid, "VmRSS") / 1024.0);

    /// <summary>Where the RSS is: "anon N MB, file N MB, shmem N MB" (heaps; mapped assemblies; the runtime's double-mapped code).</summary>
    public static string RssParts(int pid) => string.Join(", ",
        new[] { "RssAnon", "RssFile", "RssShmem" }.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k[3..].ToLowerInvariant()} {StatusKb(pid, k) / 1024.0:0} MB")));

    /// <summary>VmRSS in KiB.</summary>
    public static long RssKb(int pid) => StatusKb(pid, "VmRSS");

    /// <summary>PSS in KiB: the resident pages with each shared page divided among the processes that map them, so that a sum over processes counts shared libraries once.</summary>
    public static long PssKb(int pid) => KbOf(File.ReadLines($"/proc/{pid}/smaps_rollup"), "Pss");

    private static long StatusKb(int pid, string key) => KbOf(File.ReadLines($"/proc/{pid}/status"), key);

    private static long KbOf(IEnumerable<string> lines, string key)
    {
        var line = lines.First(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
