using System.CommandLine;
using Pi.Orleans.Cli.Rendering;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi list [--status S] [--limit N]`.</summary>
internal sealed class ListCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly ApiOption _api;
    private readonly Option<string?> _status = new("--status", "-s") { Description = "Only this status." };
    private readonly Option<int?> _limit = new("--limit", "-l") { Description = "Most calculations to show, newest first (1-1000; the API's default is 20)." };

    public ListCommand(IAnsiConsole console, ApiOption api)
        : base("list", "List recent calculations, newest first.")
    {
        _console = console;
        _api = api;
        _status.AcceptOnlyFromAmong("pending", "running", "completed", "failed", "cancelled");
        Options.Add(_status);
        Options.Add(_limit);
        SetAction((parse, ct) => CommandRunner.RunAsync(console, api.UrlOf(parse), () => RunAsync(parse, ct), ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var api = _api.CreateClient(parse);
        var calculations = await api.ListAsync(parse.GetValue(_status), parse.GetValue(_limit), cancellationToken);
        CalculationListView.Render(_console, calculations);
        return 0;
    }
}
