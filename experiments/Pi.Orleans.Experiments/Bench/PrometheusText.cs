using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Reads samples from Prometheus' text format as the OpenTelemetry exporter writes it: <c>name{label="value",…} number</c>, where
/// the exporter adds labels of its own (<c>otel_scope_name</c>), so a series is matched by its name and the labels asked for,
/// never by the whole line.
/// </summary>
public static class PrometheusText
{
    /// <summary>
    /// The sum of every sample of <paramref name="name"/> that carries each of <paramref name="labels"/>, or null when none does.
    /// </summary>
    public static double? Sum(string text, string name, params (string Key, string Value)[] labels)
    {
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            if (Parse(line) is { } sample && sample.Name == name && labels.All(l => sample.Labels.Contains($"{l.Key}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                sum = (sum ?? 0) + sample.Value;
            }
        }

        return sum;
    }

    private static (string Name, string Labels, double Value)? Parse(string line)
    {
        line = line.Trim();
        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }

        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var close = brace < 0 ? -1 : line.LastIndexOf('}');
        var nameEnd = brace >= 0 ? brace : line.IndexOf(' ', StringComparison.Ordinal);
        if (nameEnd <= 0 || (brace >= 0 && close < brace))
        {
            return null;
        }

        var rest = line[((close >= 0 ? close : nameEnd - 1) + 1)..].Trim().Split(' ');
        return double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? (line[..nameEnd], brace >= 0 ? line[(brace + 1)..close] : "", value)
            : null;
    }
}
