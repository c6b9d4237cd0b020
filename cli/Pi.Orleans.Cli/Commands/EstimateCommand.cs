using System.CommandLine;
using Pi.Orleans.Cli.Rendering;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi estimate (--points 1e10 | --target-error 1e-7) [--deadline S]`: GET /api/estimate, what a calculation would take.</summary>
internal sealed class EstimateCommand : ApiCommand
{
    private readonly Option<long?> _points = new("--points", "-n")
    {
        Description = "Points to sample, e.g. 1e10.",
        HelpName = "count",
        CustomParser = PointsOption.ParseOptional,
    };

    private readonly Option<double?> _targetError = PrecisionOption.Create("--target-error", "Instead of --points: the half-width of the 95% interval to reach, e.g. 1e-7.");
    private readonly Option<double?> _deadline = new("--deadline") { Description = "Seconds the calculation may take: the API says how many workers would meet it." };

    public EstimateCommand(IAnsiConsole console, GlobalOptions global)
        : base("estimate", "Estimate a calculation before submitting it: the points or the half-width, the duration at the cluster's measured speed, the workers a deadline needs.", console, global)
    {
        Options.Add(_points);
        Options.Add(_targetError);
        Options.Add(_deadline);
        Validators.Add(result =>
        {
            if (result.GetResult(_points) is null == result.GetResult(_targetError) is null)
            {
                result.AddError("Give either --points or --target-error.");
            }
        });
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var api = Api.CreateClient(parse);
        var estimate = await api.EstimateAsync(parse.GetValue(_points), parse.GetValue(_targetError), parse.GetValue(_deadline), cancellationToken);
        Write(parse, estimate, EstimateView.Render);
        return ExitCodes.Success;
    }
}
