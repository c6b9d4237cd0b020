using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
using Pi.Orleans.Core.Precision;
using Pi.Orleans.Grains;

namespace Pi.Orleans.Api.Apis;

/// <summary>The body of POST /api/calculate; numbers arrive as decimals so that fractions and out-of-range values are reported, not rounded.</summary>
/// <param name="TotalPoints">Points to sample, 1 up to the configured limit; or give <paramref name="TargetError"/> instead.</param>
/// <param name="Mode">"single" or "distributed" (the default).</param>
/// <param name="Seed">Optional seed from 0 to 2^64 − 1; the service picks and reports one when absent.</param>
/// <param name="TargetError">The half-width of the 95% interval to reach; the service plans the points from it (see <see cref="PrecisionPlan"/>).</param>
public sealed record SubmitRequest(
    decimal? TotalPoints,
    string? Mode,
    decimal? Seed,
    [property: JsonConverter(typeof(JsonDoubleConverter))] double? TargetError = null) : IValidatableObject
{
    /// <summary>The error of an unknown mode.</summary>
    public const string ModeError = "mode must be \"single\" or \"distributed\".";

    /// <summary>The error of a seed that is not a 64-bit unsigned whole number.</summary>
    public const string SeedError = "seed must be a whole number from 0 to 18446744073709551615.";

    /// <summary>The error of a body with both or neither of total_points and target_error.</summary>
    public const string EitherError = "give either total_points or target_error, not both and not neither.";

    /// <summary>The mode asked for, or null for an unknown one.</summary>
    [JsonIgnore]
    public CalculationMode? ParsedMode => Mode switch
    {
        null or "distributed" => CalculationMode.Distributed,
        "single" => CalculationMode.Single,
        _ => null,
    };

    /// <summary>Every problem of the request, each naming its JSON field; the limits come from the context's <see cref="PiOptions"/> item.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var limits = (PiOptions)validationContext.Items[typeof(PiOptions)]!;
        var mode = ParsedMode ?? CalculationMode.Distributed;
        if (ParsedMode is null)
        {
            yield return new(ModeError, ["mode"]);
        }

        var limit = mode == CalculationMode.Single ? Math.Min(limits.MaxSinglePoints, limits.MaxTotalPoints) : limits.MaxTotalPoints;
        if (TotalPoints is null == TargetError is null)
        {
            yield return new(EitherError, ["total_points"]);
            yield return new(EitherError, ["target_error"]);
        }
        else if (TargetError is { } target && TargetErrorProblem(target, limit, mode) is { } targetError)
        {
            yield return new(targetError, ["target_error"]);
        }

        var totalPointsError = TotalPoints switch
        {
            null => null,
            { } n when n != decimal.Truncate(n) => "total_points must be a whole number.",
            <= 0 => "total_points must be positive.",
            { } n when n > limit => $"total_points must be at most {limit} in {mode.ToString().ToLowerInvariant()} mode.",
            _ => null,
        };
        if (totalPointsError is not null)
        {
            yield return new(totalPointsError, ["total_points"]);
        }

        if (Seed is { } seed && (seed != decimal.Truncate(seed) || seed < 0 || seed > ulong.MaxValue))
        {
            yield return new(SeedError, ["seed"]);
        }
    }

    /// <summary>The points to sample: total_points as given, or the points planned from target_error. Call after validation.</summary>
    public long PlannedPoints() => TargetError is { } target ? (long)PrecisionPlan.Points(target) : (long)TotalPoints!.Value;

    private static string? TargetErrorProblem(double target, long limit, CalculationMode mode)
    {
        if (double.IsNaN(target) || target <= 0)
        {
            return "target_error must be positive.";
        }

        if (double.IsInfinity(target))
        {
            return "target_error must be a finite number.";
        }

        var needed = PrecisionPlan.Points(target);
        return needed > limit
            ? string.Create(CultureInfo.InvariantCulture, $"target_error {target:R} needs {needed:0} points; at most {limit} in {mode.ToString().ToLowerInvariant()} mode.")
            : null;
    }
}
