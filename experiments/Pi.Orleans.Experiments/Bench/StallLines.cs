using System.Globalization;
using System.Text.RegularExpressions;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// What a silo's log says about stalls: Orleans' ".NET Thread Pool execution stalled for Xs" (its thread-pool monitor),
/// ".NET Runtime Platform stalled" (the watchdog) and "local health is degraded" (LocalSiloHealthMonitor, which feeds the votes
/// that declare a silo dead).
/// </summary>
public sealed partial record StallLines(int ThreadPool, int Platform, int Degraded, double LongestPoolStallS)
{
    /// <summary>The counts in the log file's lines after the first <paramref name="skip"/>; <paramref name="lines"/> is how many it had.</summary>
    public static StallLines Read(string path, int skip, out int lines)
    {
        var all = File.Exists(path) ? ReadShared(path) : [];
        lines = all.Length;
        var read = all.Skip(skip).ToList();
        // A degraded-health line quotes the stall it complains of: it is counted as degraded, not as a second stall.
        var degraded = read.Count(l => l.Contains("local health is degraded", StringComparison.Ordinal));
        var pool = read.Where(l => l.Contains("Thread Pool execution stalled", StringComparison.Ordinal) && !l.Contains("local health is degraded", StringComparison.Ordinal)).ToList();
        return new StallLines(
            pool.Count,
            read.Count(l => l.Contains("Runtime Platform stalled", StringComparison.Ordinal)),
            degraded,
            pool.Select(l => StallFor().Match(l)).Where(m => m.Success).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max());
    }

    // The silo still writes the file.
    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }

    [GeneratedRegex(@"stalled for ([0-9]+(?:\.[0-9]+)?)s")]
    private static partial Regex StallFor();
}
