using System.CommandLine;
using Pi.Orleans.Harness.CommandLine;
using Spectre.Console;

namespace Pi.Orleans.Cli.Commands;

/// <summary>The options every `pi` command takes (`--api`, `--api-key`, `--json`) and where failures go under `--json`.</summary>
internal sealed class GlobalOptions(IAnsiConsole errors)
{
    public ApiOption Api { get; } = new();

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's JSON (snake_case, one document) and nothing else; errors go to standard error. For scripts: pi … --json | jq.",
        Recursive = true,
    };

    /// <summary>Standard error: with --json, standard output holds the JSON document only.</summary>
    public IAnsiConsole Errors { get; } = errors;
}
