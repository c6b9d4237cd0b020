using Pi.Orleans.Experiments.Output;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>Runs one suite: checks its tools, builds the hosts, measures the chosen parts and writes the report.</summary>
internal sealed class BenchDriver(BenchSuite suite, BenchOptions options, IAnsiConsole console)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var parts = suite.Parts(options);
        var unknown = options.Only.Except(parts.Select(p => p.Name)).ToList();
        if (unknown.Count > 0)
        {
            console.MarkupLineInterpolated($"[red]Unknown part(s) {string.Join(", ", unknown)}; {suite.Command} has {string.Join(", ", parts.Select(p => p.Name).Distinct())}.[/]");
            return 2;
        }

        var chosen = parts.Where(p => options.Only.Count == 0 || options.Only.Contains(p.Name)).ToList();
        var missing = suite.Tools.Concat(chosen.SelectMany(p => p.Tools)).Append("dotnet").Distinct().Where(t => !Tool.Exists(t)).ToList();
        if (missing.Count > 0)
        {
            console.MarkupLineInterpolated($"[red]Missing: {string.Join(' ', missing)}; install them (e.g. sudo apt-get install -y {string.Join(' ', missing)}).[/]");
            return 2;
        }

        var run = new BenchRun(options, new ConsoleLog(console));
        if (!options.NoBuild)
        {
            run.Say($"building {options.Configuration}");
            foreach (var project in new[] { "Api", "Silo", Path.Combine("experiments", "Pi.Orleans.BareSampler") })
            {
                await Tool.RunAsync("dotnet", ["build", "-c", options.Configuration, "-v", "q", "-nologo", Path.Combine(options.Root, project)], cancellationToken);
            }
        }

        var started = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverages();
        try
        {
            foreach (var part in chosen)
            {
                await part.MeasureAsync(run, cancellationToken);
            }
        }
        finally
        {
            var finished = DateTimeOffset.UtcNow;
            var machine = await MachineFacts.ReadAsync(CancellationToken.None);
            var partNames = string.Join(',', chosen.Select(p => p.Name).Distinct());
            var markdown = suite.Command == "all"
                ? GoalsReport.Markdown(new GoalRows(run.Rows), await GoalsMachine.ReadAsync(options, machine, started, finished, loadAtStart, CancellationToken.None))
                : BenchReport.Markdown(suite.Title, started, finished, machine, options.Mode, partNames, run.Rows);
            // A run that stopped half-way keeps its rows in the work folder, never among the results.
            var folder = cancellationToken.IsCancellationRequested || run.Rows.Count == 0 ? options.Work : options.OutFolder;
            var path = await BenchReport.WriteAsync(folder, suite.Prefix, suite.Command == "all" ? null : finished, run.Rows, markdown, CancellationToken.None);
            console.Profile.Out.Writer.WriteLine(markdown);
            console.MarkupLineInterpolated($"[grey]report: {path}; logs: {options.Work}[/]");
        }

        if (run.Failure is { } failure)
        {
            console.MarkupLineInterpolated($"[red]{failure}[/]");
            return 1;
        }

        return 0;
    }
}
