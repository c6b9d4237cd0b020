using Pi.Orleans.Core.Sampling;

namespace Pi.Orleans.Core.Precision;

/// <summary>
/// Plans a calculation from a target error: the half-width of the 95% interval, Z95 · SE, where SE = 4·√(p(1−p)/n) and
/// p = π/4. The points needed are n = (4·Z95·√(p(1−p)) / target)², rounded up to whole blocks of <see cref="PointStreams.BlockSize"/>.
/// </summary>
public static class PrecisionPlan
{
    /// <summary>The share of points inside the quarter circle, π/4.</summary>
    public const double InsideShare = Math.PI / 4;

    /// <summary>The two-sided 95% normal quantile; the wire's <c>PiEstimate.Z95</c> is the same number (a test pins them).</summary>
    public const double Z95 = 1.959963984540054;

    // 4·Z95·√(p(1−p)): the expected half-width of one point; n points give this divided by √n.
    private static readonly double OnePointHalfWidth = 4 * Z95 * Math.Sqrt(InsideShare * (1 - InsideShare));

    /// <summary>The exact real number of points whose expected half-width equals <paramref name="targetError"/>, before rounding.</summary>
    public static double ExactPoints(double targetError)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetError);
        var ratio = OnePointHalfWidth / targetError;
        return ratio * ratio;
    }

    /// <summary>
    /// The points to sample: the smallest whole number of blocks whose expected half-width is at most <paramref name="targetError"/>,
    /// as a real number so that a target needing more than <see cref="long.MaxValue"/> points can still be reported.
    /// </summary>
    public static double Points(double targetError) => Math.Max(1, Math.Ceiling(ExactPoints(targetError) / PointStreams.BlockSize)) * PointStreams.BlockSize;

    /// <summary>The expected half-width of the 95% interval after <paramref name="totalPoints"/> points.</summary>
    public static double HalfWidth(double totalPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalPoints);
        return OnePointHalfWidth / Math.Sqrt(totalPoints);
    }
}
