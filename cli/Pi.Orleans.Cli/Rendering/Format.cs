using System.Globalization;

namespace Pi.Orleans.Cli.Rendering;

/// <summary>Invariant-culture number and time formats for the console and the reports.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Number(double value, string format = "0.###") => double.IsFinite(value) ? value.ToString(format, Invariant) : "–";

    public static string Number(double? value, string format = "0.###") => value is { } v ? Number(v, format) : "–";

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Pi(double? value) => value is { } v ? v.ToString("F8", Invariant) : "–";

    public static string Error(double? value) => value is { } v ? v.ToString("0.0e0", Invariant) : "–";

    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", Invariant) + "%";

    public static string Seconds(double? milliseconds) => milliseconds is { } ms ? (ms / 1000).ToString("0.00", Invariant) + " s" : "–";

    /// <summary>Seconds left as "42 s", "3 min 5 s", "2 h 10 min" or "12 d 3 h"; "unknown" until the API can tell.</summary>
    public static string Eta(double? seconds)
    {
        if (seconds is not { } value || !double.IsFinite(value))
        {
            return "unknown";
        }

        var s = Math.Ceiling(Math.Max(0, value));
        return s switch
        {
            < 60 => FormattableString.Invariant($"{s:0} s"),
            < 3_600 => FormattableString.Invariant($"{Math.Floor(s / 60):0} min {s % 60:0} s"),
            < 86_400 => FormattableString.Invariant($"{Math.Floor(s / 3_600):0} h {Math.Floor(s % 3_600 / 60):0} min"),
            _ => FormattableString.Invariant($"{Math.Floor(s / 86_400):0} d {Math.Floor(s % 86_400 / 3_600):0} h"),
        };
    }

    public static string Time(DateTimeOffset? time) => time?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", Invariant) ?? "–";

    public static string StatusMarkup(string status) => status switch
    {
        "completed" => "[green]completed[/]",
        "failed" => "[red]failed[/]",
        "cancelled" => "[yellow]cancelled[/]",
        "running" => "[blue]running[/]",
        _ => Spectre.Console.Markup.Escape(status),
    };
}
