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
