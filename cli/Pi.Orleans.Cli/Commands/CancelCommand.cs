using System.CommandLine;
using Pi.Orleans.Cli.Rendering;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi cancel ID`: DELETE /api/calculate/{id}; a calculation that already finished is the API's 409.</summary>
internal sealed class CancelCommand : ApiCommand
{
    private readonly Argument<Guid> _id = new("id") { Description = "The calculation id." };

    public CancelCommand(IAnsiConsole console, GlobalOptions global)
        : base("cancel", "Cancel a pending or running calculation and show it; the API refuses (409) one that already finished.", console, global)
    {
        Arguments.Add(_id);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var api = Api.CreateClient(parse);
        var calculation = await api.CancelAsync(parse.GetValue(_id), cancellationToken);
        Write(parse, calculation, CalculationView.Render);
        return ExitCodes.Success;
    }
}
