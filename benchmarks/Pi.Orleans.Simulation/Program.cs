using System.Globalization;
using Pi.Orleans.Grains;
using Pi.Orleans.Simulation;

// dotnet run -c Release --project benchmarks/Pi.Orleans.Simulation -- [--silos 10,100,1000] [--points 1e16] [--lifetime-minutes 120] [--max-completions-per-second 7500] [--out file.md]
var silos = Option("--silos", "10,100,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
var points = (long)double.Parse(Option("--points", "1e16"), CultureInfo.InvariantCulture);
var lifetime = TimeSpan.FromMinutes(double.Parse(Option("--lifetime-minutes", "120"), CultureInfo.InvariantCulture));
var pi = new PiOptions { MaxCompletionsPerSecond = int.Parse(Option("--max-completions-per-second", "7500"), CultureInfo.InvariantCulture) };
var loadBefore = LoadAverage();
var results = new List<SimulationResult>();
foreach (var count in silos)
{
    var result = new ClusterSimulation(new SimulationOptions(count, TotalPoints: points, MeanSiloLifetime: lifetime) { Pi = pi }).Run();
    Console.Error.WriteLine($"{count} silos: {result.Elapsed.TotalSeconds:N0} s virtual, {result.ProcessSeconds:0.0} s CPU");
    results.Add(result);
}

// The CPU columns need a quiet machine: the load around the run goes with the table.
var table = $"Run {DateTime.UtcNow:yyyy-MM-ddTHH:mmZ} on {Environment.ProcessorCount} cores; load average {loadBefore} before, {LoadAverage()} after.\n\n"
    + MarkdownTable.Of(results);
Console.Write(table);
if (args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() is { } path)
{
    await File.WriteAllTextAsync(path, table);
}

return results.All(r => r.CountsMatch) ? 0 : 1;

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
