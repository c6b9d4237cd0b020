using System.CommandLine;
using Pi.Orleans.Cli.Rendering;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi watch ID`: follows a calculation's events to its end; exits with Failure if it failed or was cancelled.</summary>
internal sealed class WatchCommand : ApiCommand
{
    private readonly Argument<Guid> _id = new("id") { Description = "The calculation id." };

    public WatchCommand(IAnsiConsole console, GlobalOptions global)
        : base("watch", "Follow a calculation live (server-sent events, else polling) until it ends; with --json print only its final state.", console, global)
    {
        Arguments.Add(_id);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var api = Api.CreateClient(parse);
        var calculation = await FollowAsync(parse, api, await api.GetAsync(parse.GetValue(_id), cancellationToken), cancellationToken);
        Write(parse, calculation, CalculationView.Render);
        return CalculationView.ExitCode(calculation);
    }
}
