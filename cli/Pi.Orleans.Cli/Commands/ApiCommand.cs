using System.CommandLine;
using System.Text.Json;
using Pi.Orleans.Cli.Rendering;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>A `pi` command: the shared failure handling and exit codes, plus `--json`.</summary>
internal abstract class ApiCommand(string name, string description, IAnsiConsole console, GlobalOptions global)
    : CommandBase(name, description, console, global.Api)
{
    // The API's own names (snake_case); indented so that a person can read it too, jq does not mind.
    private static readonly JsonSerializerOptions JsonOutput = new(ApiJson.Options) { WriteIndented = true };

    protected bool Json(ParseResult parse) => parse.GetValue(global.Json);

    protected override IAnsiConsole ErrorConsole(ParseResult parse) => Json(parse) ? global.Errors : Console;

    /// <summary>Writes <paramref name="value"/> as JSON with --json, else as <paramref name="render"/> draws it.</summary>
    protected void Write<T>(ParseResult parse, T value, Action<IAnsiConsole, T> render)
    {
        if (Json(parse))
        {
            WriteJson(value);
        }
        else
        {
            render(Console, value);
        }
    }

    /// <summary>Follows a calculation to its end: a live progress bar, or silently with --json (the final state is the only output).</summary>
    protected Task<Calculation> FollowAsync(ParseResult parse, PiApiClient api, Calculation start, CancellationToken cancellationToken) =>
        Json(parse) ? new CalculationFollower(api).FollowAsync(start, _ => { }, cancellationToken) : new CalculationWatcher(Console, api).WatchAsync(start, cancellationToken);

    /// <summary>Writes <paramref name="value"/> as one JSON document, past Spectre's renderer so that no line is wrapped or parsed as markup.</summary>
    protected void WriteJson<T>(T value) => Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, JsonOutput));
}
