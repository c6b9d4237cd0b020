using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pi.Orleans.Api.Apis;

/// <summary>Reads only JSON numbers; one beyond the type's range saturates, so the range checks report it instead of the parser.</summary>
internal abstract class StrictNumberConverter<T> : JsonConverter<T>
{
    /// <summary>The value of a number below the type's range.</summary>
    protected abstract T Lowest { get; }

    /// <summary>The value of a number above the type's range.</summary>
    protected abstract T Highest { get; }

    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException("must be a JSON number, not a " + Kind(reader.TokenType) + ".");
        }

        if (TryRead(ref reader, out var value))
        {
            return value;
        }

        return reader.ValueSpan.Length > 0 && reader.ValueSpan[0] == (byte)'-' ? Lowest : Highest;
    }

    /// <summary>The number, when the type can hold it.</summary>
    protected abstract bool TryRead(ref Utf8JsonReader reader, out T value);

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => token.ToString().ToLowerInvariant(),
    };
}
