using System.CommandLine;
using Pi.Orleans.Cli.Rendering;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi submit --points 1e10 [--mode distributed] [--seed N] [--watch]`.</summary>
internal sealed class SubmitCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly ApiOption _api;
    private readonly Option<long> _points = PointsOption.Create("--points", "Points to sample, e.g. 1e10 or 20000000000.", alias: "-n");
    private readonly Option<string> _mode = new("--mode", "-m") { Description = "single (200 when done) or distributed (202 at once).", DefaultValueFactory = _ => "distributed" };
    private readonly Option<ulong?> _seed = new("--seed") { Description = "Seed; the same seed gives the same result bit for bit." };
    private readonly Option<bool> _watch = new("--watch", "-w") { Description = "Follow a distributed calculation live until it ends." };

    public SubmitCommand(IAnsiConsole console, ApiOption api)
        : base("submit", "Submit a calculation.")
    {
        _console = console;
        _api = api;
        _mode.AcceptOnlyFromAmong("single", "distributed");
        Options.Add(_points);
        Options.Add(_mode);
        Options.Add(_seed);
        Options.Add(_watch);
        SetAction((parse, ct) => CommandRunner.RunAsync(console, api.UrlOf(parse), () => RunAsync(parse, ct), ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var api = _api.CreateClient(parse);
        var calculation = await api.SubmitAsync(parse.GetValue(_points), parse.GetValue(_mode)!, parse.GetValue(_seed), cancellationToken);
        if (parse.GetValue(_watch) && !calculation.IsFinished)
        {
            calculation = await new CalculationWatcher(_console, api).WatchAsync(calculation, cancellationToken);
        }
        else if (!calculation.IsFinished)
        {
            _console.MarkupLine($"Accepted [bold]{calculation.Id}[/]. Follow it with: [grey]pi get {calculation.Id} --watch[/]");
        }

        CalculationView.Render(_console, calculation);
        return CalculationView.ExitCode(calculation);
    }
}
