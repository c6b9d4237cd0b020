using System.Globalization;

namespace Pi.Orleans.Experiments.Output;

/// <summary>Facts about the machine for the reports: cores, CPU model, and the load averages `uptime` shows.</summary>
public static class MachineInfo
{
    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg; NaN where the file is missing.</summary>
    public static (double One, double Five, double Fifteen) LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return (Parse(parts[0]), Parse(parts[1]), Parse(parts[2]));
        }
        catch (IOException)
        {
            return (double.NaN, double.NaN, double.NaN);
        }
        catch (UnauthorizedAccessException)
        {
            return (double.NaN, double.NaN, double.NaN);
        }
    }

    /// <summary>"1 5 15": the load averages as /proc/loadavg writes them (the bench's rows carry this text).</summary>
    public static string LoadAverages() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

    public static string LoadText()
    {
        var (one, five, fifteen) = LoadAverage();
        return string.Create(CultureInfo.InvariantCulture, $"{one:0.00}, {five:0.00}, {fifteen:0.00}");
    }

    public static string Describe() =>
        $"{Environment.ProcessorCount} logical cores, {CpuModel()}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    /// <summary>The CPU's model name from /proc/cpuinfo, or "unknown CPU".</summary>
    public static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            // Not Linux: the model stays unknown.
            return "unknown CPU";
        }
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
