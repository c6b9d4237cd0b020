using System.CommandLine;

namespace Pi.Orleans.Experiments.Commands;

/// <summary>Reads an option only when the user gave it, so that presets (such as --quick) keep their values otherwise.</summary>
internal static class OptionValues
{
    public static T Given<T>(this ParseResult parse, Option<T> option, T fallback) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option)! : fallback;

    /// <summary>The command line as typed, for the reports.</summary>
    public static string CommandLine(this ParseResult parse) => "dotnet run --project experiments/Pi.Orleans.Experiments -- " + string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value));
}
