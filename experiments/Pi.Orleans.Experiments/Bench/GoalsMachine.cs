using Pi.Orleans.Experiments.Output;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>The machine and run facts of the goals report (run-all.sh's machine.txt): span, mode, loads, CPU flags and every tool's version.</summary>
public static partial class GoalsMachine
{
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(
        BenchOptions options, MachineFacts machine, DateTimeOffset started, DateTimeOffset finished, string loadAtStart, CancellationToken cancellationToken)
    {
        async Task<string> Version(string command)
        {
            try
            {
                return (await Tool.RunAsync("bash", ["-c", command], cancellationToken)).Trim();
            }
            catch (InvalidOperationException)
            {
                return "?";
            }
        }

        return new Dictionary<string, string>
        {
            ["started"] = started.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["finished"] = finished.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["mode"] = options.Mode,
            ["load_at_start"] = loadAtStart,
            ["load_at_end"] = MachineInfo.LoadAverages(),
            ["quiet"] = string.Create(CultureInfo.InvariantCulture, $"waited up to {options.QuietTimeout} s before each measurement for at most {options.QuietBusy}% busy cores"),
            ["cpu"] = machine.Cpu,
            ["cores"] = machine.Cores.ToString(CultureInfo.InvariantCulture),
            ["cpu_flags"] = string.Join(' ', Flags().Matches(await File.ReadAllTextAsync("/proc/cpuinfo", cancellationToken)).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)),
            ["memory"] = machine.Memory,
            ["os"] = machine.Os,
            ["dotnet"] = $"SDK {machine.DotnetSdk}, runtime {Environment.Version}",
            ["gcc"] = await Version("gcc -dumpfullversion"),
            ["java"] = await Version("java -version 2>&1 | head -1"),
            ["numpy"] = await Version("/usr/bin/python3 -c 'import numpy; print(numpy.__version__)'"),
            ["redis"] = await Version("redis-server --version | grep -o 'v=[^ ]*'"),
        };
    }

    [GeneratedRegex(@"\b(avx512f|avx512dq|avx2)\b")]
    private static partial Regex Flags();
}
