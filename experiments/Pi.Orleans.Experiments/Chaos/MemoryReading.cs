using System.Globalization;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>A process's resident set size (VmRSS from /proc) at a moment of the soak.</summary>
public sealed record MemoryReading(string Process, string When, double RssMiB)
{
    /// <summary>The RSS of each running Api and worker process now.</summary>
    public static IReadOnlyList<MemoryReading> Take(ChaosCluster cluster, string when) =>
        [.. cluster.Members.Where(m => m.Role != ChaosRole.Redis && m.IsRunning)
            .Select(m => new MemoryReading($"{m.Name}#{m.Starts}", when, Rss(m.Process!.Id)))
            .Where(r => !double.IsNaN(r.RssMiB))];

    private static double Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
