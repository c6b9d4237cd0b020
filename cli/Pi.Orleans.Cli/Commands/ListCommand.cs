using System.CommandLine;
using Pi.Orleans.Cli.Rendering;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi list [--status S] [--limit N]`.</summary>
internal sealed class ListCommand : ApiCommand
{
    private readonly Option<string?> _status = new("--status", "-s") { Description = "Only this status." };
    private readonly Option<int?> _limit = new("--limit", "-l") { Description = "Most calculations to show, newest first (1-1000; the API's default is 20)." };

    public ListCommand(IAnsiConsole console, GlobalOptions global)
        : base("list", "List recent calculations, newest first.", console, global)
    {
        _status.AcceptOnlyFromAmong("pending", "running", "completed", "failed", "cancelled");
        Options.Add(_status);
        Options.Add(_limit);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var api = Api.CreateClient(parse);
        var calculations = await api.ListAsync(parse.GetValue(_status), parse.GetValue(_limit), cancellationToken);
        Write(parse, calculations, CalculationListView.Render);
        return ExitCodes.Success;
    }
}
