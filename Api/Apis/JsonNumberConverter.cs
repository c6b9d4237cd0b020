using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pi.Orleans.Api.Apis;

/// <summary>Reads only JSON numbers; one beyond decimal's range saturates, so the range checks report it instead of the parser.</summary>
internal sealed class JsonNumberConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException("must be a JSON number, not a " + Kind(reader.TokenType) + ".");
        }

        if (reader.TryGetDecimal(out var value))
        {
            return value;
        }

        return reader.ValueSpan.Length > 0 && reader.ValueSpan[0] == (byte)'-' ? decimal.MinValue : decimal.MaxValue;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    /// <summary>The name of a JSON token kind for an error message.</summary>
    internal static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => token.ToString().ToLowerInvariant(),
    };
}
