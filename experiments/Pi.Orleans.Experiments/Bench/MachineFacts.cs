using Pi.Orleans.Experiments.Output;
using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>What the report says about the machine: CPU model, cores, memory, OS and the .NET SDK.</summary>
public sealed record MachineFacts(string Cpu, int Cores, string Memory, string Os, string DotnetSdk)
{
    public static async Task<MachineFacts> ReadAsync(CancellationToken cancellationToken)
    {
        var cpu = MachineInfo.CpuModel();
        var memKb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "Linux"
            : "Linux";
        var sdk = (await Tool.RunAsync("dotnet", ["--version"], cancellationToken)).Trim();
        return new MachineFacts(cpu, Environment.ProcessorCount, string.Create(CultureInfo.InvariantCulture, $"{memKb / 1048576.0:0.0} GiB"), $"{os}, kernel {Environment.OSVersion.Version}", sdk);
    }
}
