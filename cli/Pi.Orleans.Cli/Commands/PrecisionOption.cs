using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Pi.Orleans.Cli.Commands;

/// <summary>An optional target error: the half-width of the 95% interval, a positive number such as 1e-7.</summary>
internal static class PrecisionOption
{
    public static Option<double?> Create(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "half-width",
        CustomParser = Parse,
    };

    private static double? Parse(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[^1].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0)
        {
            return value;
        }

        result.AddError($"{result.Argument.Name}: '{text}' is not a positive number such as 1e-7.");
        return null;
    }
}
