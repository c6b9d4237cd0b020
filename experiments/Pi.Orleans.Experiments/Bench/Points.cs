using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>Point counts as the scripts wrote them ("2e10"): the text names rows, the number is sent.</summary>
public static class Points
{
    public static long Of(string text) => Load.RequestShape.ParsePoints(text);

    public static string Text(long points) => points.ToString(CultureInfo.InvariantCulture);
}
