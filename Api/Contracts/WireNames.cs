using System.Text.Json;

namespace Pi.Orleans.Api.Contracts;

/// <summary>The names the wire contract gives the grains' enums: snake_case, as the JSON enum converter writes them.</summary>
public static class WireNames
{
    /// <summary>The status as the API writes it: pending, running, completed, failed or cancelled.</summary>
    public static string Of(CalculationStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    /// <summary>The mode as the API writes it: single or distributed.</summary>
    public static string Of(CalculationMode mode) => JsonNamingPolicy.SnakeCaseLower.ConvertName(mode.ToString());
}
