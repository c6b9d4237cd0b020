using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Pi.Orleans.Grains;

namespace Pi.Orleans.Api.Apis;

/// <summary>The body of POST /api/calculate; numbers arrive as decimals so that fractions and out-of-range values are reported, not rounded.</summary>
/// <param name="TotalPoints">Points to sample, 1 up to the configured limit.</param>
/// <param name="Mode">"single" or "distributed" (the default).</param>
/// <param name="Seed">Optional seed from 0 to 2^64 − 1; the service picks and reports one when absent.</param>
public sealed record SubmitRequest(decimal? TotalPoints, string? Mode, decimal? Seed) : IValidatableObject
{
    /// <summary>The error of an unknown mode.</summary>
    public const string ModeError = "mode must be \"single\" or \"distributed\".";

    /// <summary>The error of a seed that is not a 64-bit unsigned whole number.</summary>
    public const string SeedError = "seed must be a whole number from 0 to 18446744073709551615.";

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
        var totalPointsError = TotalPoints switch
        {
            null => "total_points is required.",
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
}
