using System.Text.Json;

namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>The fields of a calculation response the tests read.</summary>
public sealed record CalculationJson(
    Guid Id,
    string Status,
    string Mode,
    long TotalPoints,
    ulong Seed,
    int ChunksTotal,
    int ChunksDone,
    double? ResultPi,
    long? ResultInside,
    long? ResultTotal,
    double? StandardError,
    string[] SilosUsed,
    string? Error)
{
    /// <summary>snake_case, as the API writes it.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
