using System.Globalization;

namespace Pi.Orleans.LoadMix;

/// <summary>Resident set size of local processes, from /proc.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS of the process in MiB, or null if it is gone.</summary>
    public static double? RssMiB(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
