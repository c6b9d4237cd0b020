using System.Globalization;
using System.Numerics;

namespace Pi.Orleans.Harness.CommandLine;

/// <summary>
/// Parses point counts exactly: plain integers (`20000000000`, `20_000_000_000`) and decimal scientific notation (`1e10`, `2.5E9`),
/// never through a double, so `1e10` is 10,000,000,000 and `1.5e0` is rejected as fractional.
/// </summary>
public static class PointCount
{
    public static bool TryParse(string? text, out long value, out string error)
    {
        value = 0;
        var s = (text ?? "").Trim().Replace("_", "", StringComparison.Ordinal);
        var e = s.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? s : s[..e];
        var exponent = 0;
        if (e >= 0 && !int.TryParse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            error = $"'{text}' has a bad exponent.";
            return false;
        }

        var dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa : mantissa[..dot] + mantissa[(dot + 1)..];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || Math.Abs(exponent) > 40)
        {
            error = $"'{text}' is not a point count (examples: 1000000, 1e10, 2.5e9).";
            return false;
        }

        var scale = exponent - (dot < 0 ? 0 : mantissa.Length - dot - 1);
        var number = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (scale >= 0)
        {
            number *= BigInteger.Pow(10, scale);
        }
        else
        {
            var divisor = BigInteger.Pow(10, -scale);
            if (!(number % divisor).IsZero)
            {
                error = $"'{text}' is not a whole number of points.";
                return false;
            }

            number /= divisor;
        }

        if (number <= 0 || number > long.MaxValue)
        {
            error = $"'{text}' must be between 1 and {long.MaxValue}.";
            return false;
        }

        value = (long)number;
        error = "";
        return true;
    }

    /// <summary>The count, or an <see cref="FormatException"/> naming the problem.</summary>
    public static long Parse(string text) => TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>A short form for tables: 2e10, 1.5e9, or the plain number below 10^6.</summary>
    public static string Format(long points)
    {
        if (points < 1_000_000)
        {
            return points.ToString("N0", CultureInfo.InvariantCulture);
        }

        var exponent = (int)Math.Floor(Math.Log10(points));
        var mantissa = points / Math.Pow(10, exponent);
        return mantissa.ToString("0.###", CultureInfo.InvariantCulture) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
