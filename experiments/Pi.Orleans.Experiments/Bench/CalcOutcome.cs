using System.Globalization;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>A calculation as a measurement saw it: its final state and the wall time from just before the POST to its end.</summary>
public sealed record CalcOutcome(Calculation Calculation, double WallS)
{
    public string Wall => WallS.ToString("F3", CultureInfo.InvariantCulture);

    public string DurationMs => (Calculation.DurationMs ?? 0).ToString("F0", CultureInfo.InvariantCulture);

    public string Silos => Calculation.SilosUsed is { Count: > 0 } s ? string.Join(',', s) : "-";

    public string Inside => Calculation.ResultInside?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>"duration_ms=…, chunks_total=…, chunk_retries=…", the scripts' usual note.</summary>
    public string Detail => string.Create(CultureInfo.InvariantCulture,
        $"duration_ms={DurationMs}, chunks_total={Calculation.ChunksTotal}, chunk_retries={Calculation.ChunkRetries}");
}
