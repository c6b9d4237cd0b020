using System.Globalization;
using Pi.Orleans.Grains;
using Pi.Orleans.Simulation;

// dotnet run -c Release --project benchmarks/Pi.Orleans.Simulation -- [--silos 10,100,1000] [--points 1e16] [--lifetime-minutes 120]
//   [--max-completions-per-second 7500] [--slow-share 0.01] [--slow-factor 5] [--frozen-share 0.001] [--frozen-seconds 60] [--out file.md]
var silos = Option("--silos", "10,100,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
var maxCompletions = int.Parse(Option("--max-completions-per-second", "7500"), CultureInfo.InvariantCulture);
var loadBefore = LoadAverage();
var rows = new List<(SimulationResult, SimulationResult)>();
foreach (var count in silos)
{
    var options = new SimulationOptions(
        count, TotalPoints: (long)Number("--points", "1e16"), MeanSiloLifetime: TimeSpan.FromMinutes(Number("--lifetime-minutes", "120")),
        SlowShare: Number("--slow-share", "0.01"), SlowFactor: Number("--slow-factor", "5"),
        FrozenShare: Number("--frozen-share", "0.001"), FrozenFor: TimeSpan.FromSeconds(Number("--frozen-seconds", "60")));
    var speculating = new ClusterSimulation(options with { Pi = new PiOptions { MaxCompletionsPerSecond = maxCompletions } }).Run();
    var not = new ClusterSimulation(options with { Pi = new PiOptions { MaxCompletionsPerSecond = maxCompletions, Speculation = false } }).Run();
    Console.Error.WriteLine($"{count} silos: {speculating.Elapsed.TotalSeconds:N0} s / {not.Elapsed.TotalSeconds:N0} s virtual, {speculating.ProcessSeconds + not.ProcessSeconds:0.0} s CPU");
    rows.Add((speculating, not));
}

// The CPU columns need a quiet machine: the load around the run goes with the table.
var table = $"Run {DateTime.UtcNow:yyyy-MM-ddTHH:mmZ} on {Environment.ProcessorCount} cores; load average {loadBefore} before, {LoadAverage()} after.\n\n"
    + MarkdownTable.Of(rows);
Console.Write(table);
if (args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() is { } path)
{
    await File.WriteAllTextAsync(path, table);
}

return rows.All(r => r.Item1.CountsMatch && r.Item2.CountsMatch) ? 0 : 1;

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

double Number(string name, string fallback) => double.Parse(Option(name, fallback), CultureInfo.InvariantCulture);

string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
