using System.Text.Json;

namespace Pi.Orleans.Client;

/// <summary>The JSON settings of the API: web defaults with snake_case names.</summary>
public static class ApiJson
{
    /// <summary>The shared options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
