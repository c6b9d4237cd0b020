using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Simulation;

/// <summary>
/// The calculation's storage: each write serializes the whole state as Redis mode does (Orleans' Newtonsoft JSON storage
/// serializer) and keeps it for a resume; the binary size (embedded mode's copy) is measured alongside.
/// </summary>
public sealed class StateStore
{
    private readonly JsonGrainStorageSerializer _json = new(new OrleansJsonSerializer(Options.Create(new OrleansJsonSerializerOptions())));
    private readonly Serializer _binary = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(CalculationState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();
    private BinaryData _last = BinaryData.Empty;
    private long _serializeTicks;

    /// <summary>When the last write happened.</summary>
    public DateTimeOffset LastWriteAt { get; private set; }

    /// <summary>Writes so far.</summary>
    public long Writes { get; private set; }

    /// <summary>JSON bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>The largest JSON state written.</summary>
    public int PeakJson { get; private set; }

    /// <summary>The largest binary state, measured at the writes.</summary>
    public int PeakBinary { get; private set; }

    /// <summary>CPU seconds spent serializing the JSON writes.</summary>
    public double SerializeSeconds => Stopwatch.GetElapsedTime(0, _serializeTicks).TotalSeconds;

    /// <summary>Writes <paramref name="state"/> at <paramref name="now"/>.</summary>
    public void Write(CalculationState state, DateTimeOffset now)
    {
        var start = Stopwatch.GetTimestamp();
        _last = _json.Serialize(state);
        _serializeTicks += Stopwatch.GetTimestamp() - start;
        var length = _last.ToMemory().Length;
        Writes++;
        BytesWritten += length;
        PeakJson = Math.Max(PeakJson, length);
        PeakBinary = Math.Max(PeakBinary, _binary.SerializeToArray(state).Length);
        LastWriteAt = now;
    }

    /// <summary>The state as last written, read back as a new activation reads it.</summary>
    public CalculationState Read() => _json.Deserialize<CalculationState>(_last) ?? throw new InvalidOperationException("no state written");
}
