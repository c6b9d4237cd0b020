using System.Text.Json;

namespace Pi.Orleans.Api.Apis;

/// <summary>Reads only JSON numbers as decimals; one beyond decimal's range saturates, so the range checks report it instead of the parser.</summary>
internal sealed class JsonNumberConverter : StrictNumberConverter<decimal>
{
    protected override decimal Lowest => decimal.MinValue;

    protected override decimal Highest => decimal.MaxValue;

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    protected override bool TryRead(ref Utf8JsonReader reader, out decimal value) => reader.TryGetDecimal(out value);
}
