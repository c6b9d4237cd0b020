namespace Pi.Orleans;

/// <summary>The estimate π = 4·inside/total with its binomial standard error and 95% interval.</summary>
public sealed record PiEstimate(double Pi, double StandardError, double Ci95Low, double Ci95High)
{
    /// <summary>Two-sided 95% normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The estimate from the counts; null when no point was sampled.</summary>
    public static PiEstimate? From(long inside, long total)
    {
        if (total <= 0)
        {
            return null;
        }

        var p = (double)inside / total;
        var pi = 4.0 * p;
        var se = 4.0 * Math.Sqrt(p * (1.0 - p) / total);
        return new PiEstimate(pi, se, pi - (Z95 * se), pi + (Z95 * se));
    }
}
