using System.Globalization;

namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// What one request asks for: a calculation of <paramref name="Points"/> points in <paramref name="Mode"/> (single or distributed),
/// and whether the client then reads its status until it ends (<paramref name="Follow"/>). Written "single:1e6" or "distributed:1e8:follow".
/// </summary>
public sealed record RequestShape(string Mode, long Points, bool Follow = false)
{
    /// <summary>The request kind in tallies, e.g. "submit single".</summary>
    public string Kind => "submit " + Mode;

    /// <summary>Parses "mode:points[:follow]".</summary>
    public static RequestShape Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0] is not ("single" or "distributed") || (parts.Length == 3 && parts[2] != "follow"))
        {
            throw new FormatException($"'{text}' is not a request shape: write single:1e6 or distributed:1e8[:follow].");
        }

        return new RequestShape(parts[0], ParsePoints(parts[1]), parts.Length == 3);
    }

    /// <summary>A point count written exactly, as 1000000, 1e6 or 2.5e9.</summary>
    public static long ParsePoints(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 1 || value > long.MaxValue || value != decimal.Truncate(value))
        {
            throw new FormatException($"'{text}' is not a whole number of points.");
        }

        return (long)value;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Mode}:{Points:0.###e0}{(Follow ? ":follow" : "")}");
}
