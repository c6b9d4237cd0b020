using System.Text.Json;

namespace Pi.Orleans.Api.Apis;

/// <summary>Reads only JSON numbers as doubles; one beyond double's range becomes an infinity, so the range checks report it instead of the parser.</summary>
internal sealed class JsonDoubleConverter : StrictNumberConverter<double>
{
    protected override double Lowest => double.NegativeInfinity;

    protected override double Highest => double.PositiveInfinity;

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    protected override bool TryRead(ref Utf8JsonReader reader, out double value) => reader.TryGetDouble(out value);
}
