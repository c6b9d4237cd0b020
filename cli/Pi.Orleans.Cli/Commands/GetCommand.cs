using System.CommandLine;
using Pi.Orleans.Cli.Rendering;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi get ID [--watch]`.</summary>
internal sealed class GetCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly ApiOption _api;
    private readonly Argument<Guid> _id = new("id") { Description = "The calculation id." };
    private readonly Option<bool> _watch = new("--watch", "-w") { Description = "Follow the calculation live until it ends." };

    public GetCommand(IAnsiConsole console, ApiOption api)
        : base("get", "Show one calculation.")
    {
        _console = console;
        _api = api;
        Arguments.Add(_id);
        Options.Add(_watch);
        SetAction((parse, ct) => CommandRunner.RunAsync(console, api.UrlOf(parse), () => RunAsync(parse, ct), ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var api = _api.CreateClient(parse);
        var calculation = await api.GetAsync(parse.GetValue(_id), cancellationToken);
        if (parse.GetValue(_watch) && !calculation.IsFinished)
        {
            calculation = await new CalculationWatcher(_console, api).WatchAsync(calculation, cancellationToken);
        }

        CalculationView.Render(_console, calculation);
        return parse.GetValue(_watch) ? CalculationView.ExitCode(calculation) : 0;
    }
}
