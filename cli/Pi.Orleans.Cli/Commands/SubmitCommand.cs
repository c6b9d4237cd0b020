using System.CommandLine;
using Pi.Orleans.Cli.Rendering;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>`pi submit (--points 1e10 | --precision 1e-7) [--mode distributed] [--seed N] [--watch]`.</summary>
internal sealed class SubmitCommand : ApiCommand
{
    private readonly Option<long?> _points = new("--points", "-n")
    {
        Description = "Points to sample, e.g. 1e10 or 20000000000.",
        HelpName = "count",
        CustomParser = PointsOption.ParseOptional,
    };

    private readonly Option<double?> _precision = PrecisionOption.Create("--precision", "Instead of --points: the half-width of the 95% interval to reach, e.g. 1e-7; the service plans the points.");
    private readonly Option<string> _mode = new("--mode", "-m") { Description = "single (200 when done) or distributed (202 at once).", DefaultValueFactory = _ => "distributed" };
    private readonly Option<ulong?> _seed = new("--seed") { Description = "Seed; the same seed gives the same result bit for bit." };
    private readonly Option<bool> _watch = new("--watch", "-w") { Description = "Follow a distributed calculation live until it ends." };

    public SubmitCommand(IAnsiConsole console, GlobalOptions global)
        : base("submit", "Submit a calculation.", console, global)
    {
        _mode.AcceptOnlyFromAmong("single", "distributed");
        Options.Add(_points);
        Options.Add(_precision);
        Validators.Add(result =>
        {
            if (result.GetResult(_points) is null == result.GetResult(_precision) is null)
            {
                result.AddError("Give either --points or --precision.");
            }
        });
        Options.Add(_mode);
        Options.Add(_seed);
        Options.Add(_watch);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var api = Api.CreateClient(parse);
        var mode = parse.GetValue(_mode)!;
        var seed = parse.GetValue(_seed);
        var calculation = parse.GetValue(_precision) is { } precision
            ? await api.SubmitByPrecisionAsync(precision, mode, seed, cancellationToken)
            : await api.SubmitAsync(parse.GetValue(_points)!.Value, mode, seed, cancellationToken);
        if (parse.GetValue(_watch) && !calculation.IsFinished)
        {
            calculation = await FollowAsync(parse, api, calculation, cancellationToken);
        }
        else if (!calculation.IsFinished && !Json(parse))
        {
            Console.MarkupLine($"Accepted [bold]{calculation.Id}[/]. Follow it with: [grey]pi get {calculation.Id} --watch[/]");
        }

        Write(parse, calculation, CalculationView.Render);
        return CalculationView.ExitCode(calculation);
    }
}
