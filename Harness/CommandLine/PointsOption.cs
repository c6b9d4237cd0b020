using System.CommandLine;

namespace Pi.Orleans.Harness.CommandLine;

/// <summary>An option holding a point count written as an integer or exactly in scientific notation (1e10).</summary>
public static class PointsOption
{
    public static Option<long> Create(string name, string description, string? defaultValue = null, string? alias = null)
    {
        var option = alias is null ? new Option<long>(name) : new Option<long>(name, alias);
        option.Description = description;
        option.HelpName = "count";
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : defaultValue;
            if (PointCount.TryParse(text, out var value, out var error))
            {
                return value;
            }

            result.AddError($"{name}: {error}");
            return 0;
        };
        if (defaultValue is null)
        {
            option.Required = true;
        }
        else
        {
            option.DefaultValueFactory = _ => PointCount.Parse(defaultValue);
        }

        return option;
    }

    /// <summary>A custom parser for an optional point count (`Option&lt;long?&gt;`).</summary>
    public static long? ParseOptional(System.CommandLine.Parsing.ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        if (PointCount.TryParse(result.Tokens[^1].Value, out var value, out var error))
        {
            return value;
        }

        result.AddError(error);
        return null;
    }
}
