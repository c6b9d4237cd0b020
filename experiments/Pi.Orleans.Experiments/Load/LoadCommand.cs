using System.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Load;

/// <summary>`load --profile closed|mix|steps|chaos …`: the one load generator against a running Api; exits 1 on any error answer.</summary>
internal sealed class LoadCommand : Command
{
    private readonly Option<string> _profile = new("--profile") { Description = "closed (N clients, one request shape), mix (the load test's mix), steps (a script) or chaos (the soak's menu).", Required = true };
    private readonly Option<string> _url = new("--url") { Description = "The Api's base URL.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "X-Api-Key, where the Api requires one." };
    private readonly Option<int> _clients = new("--clients") { Description = "closed, mix: concurrent clients.", DefaultValueFactory = _ => 16 };
    private readonly Option<int> _requests = new("--requests") { Description = "closed: requests in all (0: for --duration).", DefaultValueFactory = _ => 0 };
    private readonly Option<double> _duration = new("--duration") { Description = "closed, mix, chaos: seconds measured.", DefaultValueFactory = _ => 60 };
    private readonly Option<int> _warmupRequests = new("--warmup-requests") { Description = "closed: unrecorded requests first.", DefaultValueFactory = _ => 0 };
    private readonly Option<double> _warmup = new("--warmup") { Description = "mix: unrecorded seconds first.", DefaultValueFactory = _ => 15 };
    private readonly Option<string> _request = new("--request") { Description = "closed: the request shape, mode:points[:follow].", DefaultValueFactory = _ => "single:1e6" };
    private readonly Option<string> _distributedPoints = new("--distributed-points") { Description = "mix: points of the distributed calculations.", DefaultValueFactory = _ => "1e8" };
    private readonly Option<string> _singlePoints = new("--single-points") { Description = "mix: points of the single calculations.", DefaultValueFactory = _ => "1e6" };
    private readonly Option<int> _pollMs = new("--poll-ms") { Description = "mix: ms between status reads.", DefaultValueFactory = _ => 200 };
    private readonly Option<int> _thinkMs = new("--think-ms") { Description = "mix: ms of pause per loop.", DefaultValueFactory = _ => 100 };
    private readonly Option<string?> _script = new("--script") { Description = "steps: a JSON script (the autoscale format, with clients/mode/follow)." };
    private readonly Option<string[]> _steps = new("--step") { Description = "steps: SECONDS:CLIENTS:MODE:POINTS[:follow] or SECONDS:0, repeated." };
    private readonly Option<int> _inFlight = new("--in-flight") { Description = "chaos: distributed calculations kept in flight.", DefaultValueFactory = _ => 4 };
    private readonly Option<int> _seed = new("--seed") { Description = "chaos: the menu's and the pauses' seed.", DefaultValueFactory = _ => 1 };
    private readonly Option<string> _menu = new("--menu") { Description = "chaos: standard or small.", DefaultValueFactory = _ => "standard" };
    private readonly Option<double> _drain = new("--drain") { Description = "chaos: seconds to wait for running calculations after the load.", DefaultValueFactory = _ => 300 };
    private readonly Option<string?> _records = new("--records") { Description = "Writes every recorded request to this TSV file." };

    public LoadCommand(IAnsiConsole console)
        : base("load", "Loads a running Api with one profile and tallies every answer by HTTP status code.")
    {
        foreach (var option in new Option[] { _profile, _url, _apiKey, _clients, _requests, _duration, _warmupRequests, _warmup, _request, _distributedPoints,
            _singlePoints, _pollMs, _thinkMs, _script, _steps, _inFlight, _seed, _menu, _drain, _records })
        {
            Options.Add(option);
        }

        SetAction((parse, cancellationToken) => RunAsync(parse, console, cancellationToken));
    }

    /// <summary>The profile the options describe.</summary>
    internal LoadProfile ProfileOf(ParseResult parse)
    {
        var seconds = TimeSpan.FromSeconds(parse.GetValue(_duration));
        return parse.GetValue(_profile) switch
        {
            "closed" => new ClosedLoopProfile(parse.GetValue(_clients), RequestShape.Parse(parse.GetValue(_request)!), parse.GetValue(_requests), seconds, parse.GetValue(_warmupRequests)),
            "mix" => new MixProfile(parse.GetValue(_clients), TimeSpan.FromSeconds(parse.GetValue(_warmup)), seconds, RequestShape.ParsePoints(parse.GetValue(_distributedPoints)!),
                RequestShape.ParsePoints(parse.GetValue(_singlePoints)!), TimeSpan.FromMilliseconds(parse.GetValue(_pollMs)), TimeSpan.FromMilliseconds(parse.GetValue(_thinkMs))),
            "steps" => parse.GetValue(_script) is { } script ? StepsScript.Read(script) : StepsOf(parse.GetValue(_steps) ?? []),
            "chaos" => new ChaosMenuProfile(parse.GetValue(_menu) == "small" ? LoadMenu.Small(parse.GetValue(_seed)) : LoadMenu.Standard(parse.GetValue(_seed)),
                parse.GetValue(_inFlight), parse.GetValue(_seed), seconds, TimeSpan.FromSeconds(parse.GetValue(_drain))),
            var other => throw new FormatException($"--profile {other}: closed, mix, steps or chaos."),
        };
    }

    private static StepsProfile StepsOf(string[] steps) =>
        steps.Length > 0 ? new StepsProfile([.. steps.Select(LoadStepSpec.Parse)]) : throw new FormatException("--profile steps needs --script FILE or --step, repeated.");

    private async Task<int> RunAsync(ParseResult parse, IAnsiConsole console, CancellationToken cancellationToken)
    {
        LoadProfile profile;
        try
        {
            profile = ProfileOf(parse);
        }
        catch (Exception e) when (e is FormatException or ExperimentException or IOException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }

        using var generator = new LoadGenerator(new Uri(parse.GetValue(_url)!.TrimEnd('/') + "/"), parse.GetValue(_apiKey), maxConnections: Math.Max(16, parse.GetValue(_clients)));
        var result = await generator.RunAsync(profile, cancellationToken);
        console.Profile.Out.Writer.WriteLine(LoadSummary.Describe(result));
        if (parse.GetValue(_records) is { } records)
        {
            await LoadSummary.WriteRecordsAsync(result, records, CancellationToken.None);
        }

        return result.Errors == 0 && !result.Cancelled ? 0 : 1;
    }
}
