using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pi.Orleans.Api.Apis;

/// <summary>Reads only JSON numbers as doubles; one beyond double's range becomes an infinity, so the range checks report it instead of the parser.</summary>
internal sealed class JsonDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException("must be a JSON number, not a " + JsonNumberConverter.Kind(reader.TokenType) + ".");
        }

        if (reader.TryGetDouble(out var value))
        {
            return value;
        }

        return reader.ValueSpan.Length > 0 && reader.ValueSpan[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
