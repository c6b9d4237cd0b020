using System.CommandLine;
using Pi.Orleans.Cli.Rendering;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi get ID [--watch]`.</summary>
internal sealed class GetCommand : ApiCommand
{
    private readonly Argument<Guid> _id = new("id") { Description = "The calculation id." };
    private readonly Option<bool> _watch = new("--watch", "-w") { Description = "Follow the calculation live until it ends." };

    public GetCommand(IAnsiConsole console, GlobalOptions global)
        : base("get", "Show one calculation.", console, global)
    {
        Arguments.Add(_id);
        Options.Add(_watch);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var api = Api.CreateClient(parse);
        var calculation = await api.GetAsync(parse.GetValue(_id), cancellationToken);
        if (parse.GetValue(_watch) && !calculation.IsFinished)
        {
            calculation = await FollowAsync(parse, api, calculation, cancellationToken);
        }

        Write(parse, calculation, CalculationView.Render);
        return parse.GetValue(_watch) ? CalculationView.ExitCode(calculation) : ExitCodes.Success;
    }
}
