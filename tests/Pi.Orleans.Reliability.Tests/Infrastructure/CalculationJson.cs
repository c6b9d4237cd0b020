using System.Text.Json;

namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>The fields of a calculation response the reliability tests read.</summary>
public sealed record CalculationJson(
    Guid Id,
    string Status,
    long TotalPoints,
    ulong Seed,
    int ChunksTotal,
    int ChunksDone,
    int ChunkRetries,
    long? ResultInside,
    long? ResultTotal,
    double? DurationMs,
    string[] SilosUsed,
    string? Error)
{
    /// <summary>snake_case, as the API writes it.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Whether the calculation is still pending or running.</summary>
    public bool IsActive => Status is "pending" or "running";

    /// <summary>Chunks done as a fraction of all chunks.</summary>
    public double Progress => ChunksTotal == 0 ? 0 : (double)ChunksDone / ChunksTotal;
}
