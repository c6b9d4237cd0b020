using System.CommandLine;
using System.Globalization;
using Pi.Orleans.Grains;
using Pi.Orleans.Harness.CommandLine;
using Pi.Orleans.Simulation;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Commands;

/// <summary>
/// `experiments scale`: the cluster simulation (experiments/Pi.Orleans.Simulation) at 10 to 1,000 silos on a virtual clock: the
/// real planner, scheduler and state, with churn, slow and frozen silos, with and without speculation (docs/scale.md).
/// </summary>
internal sealed class ScaleCommand : ExperimentCommand
{
    private readonly Option<string> _silos = new("--silos") { Description = "Silo counts, comma-separated (default 10,100,1000).", DefaultValueFactory = _ => "10,100,1000" };
    private readonly Option<long> _points = PointsOption.Create("--points", "Points per calculation (default 1e16).", "1e16");
    private readonly Option<double> _lifetime = new("--lifetime-minutes") { Description = "Mean silo lifetime, minutes (default 120).", DefaultValueFactory = _ => 120 };
    private readonly Option<int> _maxCompletions = new("--max-completions-per-second") { Description = "Pi:MaxCompletionsPerSecond (default 7500).", DefaultValueFactory = _ => 7500 };
    private readonly Option<double> _slowShare = new("--slow-share") { Description = "Share of slow silos (default 0.01).", DefaultValueFactory = _ => 0.01 };
    private readonly Option<double> _slowFactor = new("--slow-factor") { Description = "How many times slower they are (default 5).", DefaultValueFactory = _ => 5 };
    private readonly Option<double> _frozenShare = new("--frozen-share") { Description = "Share of silos that freeze (default 0.001).", DefaultValueFactory = _ => 0.001 };
    private readonly Option<double> _frozenSeconds = new("--frozen-seconds") { Description = "How long a freeze lasts, s (default 60).", DefaultValueFactory = _ => 60 };
    private readonly Option<string?> _out = new("--out") { Description = "Markdown file for the table (default: standard output only)." };

    public ScaleCommand(IAnsiConsole console, ApiOption api)
        : base("scale", "Simulate one calculation on 10 to 1,000 silos on a virtual clock (the real planner, scheduler and state), with and without speculation.", console, api)
    {
        foreach (var o in new Option[] { _silos, _points, _lifetime, _maxCompletions, _slowShare, _slowFactor, _frozenShare, _frozenSeconds, _out })
        {
            Options.Add(o);
        }
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var silos = parse.GetValue(_silos)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var maxCompletions = parse.GetValue(_maxCompletions);
        var loadBefore = Output.MachineInfo.LoadText();
        var rows = new List<(SimulationResult, SimulationResult)>();
        foreach (var count in silos)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var options = new SimulationOptions(
                count, TotalPoints: parse.GetValue(_points), MeanSiloLifetime: TimeSpan.FromMinutes(parse.GetValue(_lifetime)),
                SlowShare: parse.GetValue(_slowShare), SlowFactor: parse.GetValue(_slowFactor),
                FrozenShare: parse.GetValue(_frozenShare), FrozenFor: TimeSpan.FromSeconds(parse.GetValue(_frozenSeconds)));
            var speculating = new ClusterSimulation(options with { Pi = new PiOptions { MaxCompletionsPerSecond = maxCompletions } }).Run();
            var not = new ClusterSimulation(options with { Pi = new PiOptions { MaxCompletionsPerSecond = maxCompletions, Speculation = false } }).Run();
            Console.MarkupLineInterpolated($"{count} silos: {speculating.Elapsed.TotalSeconds:N0} s / {not.Elapsed.TotalSeconds:N0} s virtual, {speculating.ProcessSeconds + not.ProcessSeconds:0.0} s CPU");
            rows.Add((speculating, not));
        }

        // The CPU columns need a quiet machine: the load around the run goes with the table.
        var table = $"Run {DateTime.UtcNow:yyyy-MM-ddTHH:mmZ} on {Environment.ProcessorCount} cores; load average {loadBefore} before, {Output.MachineInfo.LoadText()} after.\n\n"
            + MarkdownTable.Of(rows);
        Console.Write(new Text(table));
        if (parse.GetValue(_out) is { } path)
        {
            await File.WriteAllTextAsync(path, table, cancellationToken);
        }

        return rows.All(r => r.Item1.CountsMatch && r.Item2.CountsMatch) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
