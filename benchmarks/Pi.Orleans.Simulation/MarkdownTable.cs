using System.Globalization;
using System.Text;

namespace Pi.Orleans.Simulation;

/// <summary>The simulated runs as a markdown table.</summary>
public static class MarkdownTable
{
    /// <summary>One row per run.</summary>
    public static string Of(IReadOnlyList<SimulationResult> results)
    {
        var md = new StringBuilder();
        md.AppendLine("| Silos × slots | Points | Chunks (s each) | Completions (recomputed) | Retries | Silos failed / left | Peak in flight | Finished / ideal | Scheduler+state µs per completion (wall) | Simulator CPU µs per completion | Persist µs per write | Peak state JSON / binary | Writes, bytes written | Peak ranges | Counted once |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var o = r.Options;
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {o.Silos:N0} × {o.SlotsPerSilo} | {o.TotalPoints:0.#e0} | {r.ChunksTotal:N0} ({r.ChunkSeconds:0.00}) | {r.Completions:N0} ({r.Recomputed:N0}) | {r.Retries:N0} "
                + $"| {r.SilosFailed} / {r.SilosLeft} | {r.PeakInFlight:N0} | {r.Elapsed.TotalSeconds:N0} s / {r.Ideal.TotalSeconds:N0} s ({r.Elapsed / r.Ideal:0.000}) "
                + $"| {r.SchedulerMicrosPerCompletion:0.00} | {r.ProcessMicrosPerCompletion:0.00} | {r.PersistSeconds * 1e6 / Math.Max(1, r.Writes):N0} "
                + $"| {r.PeakStateJson:N0} B / {r.PeakStateBinary:N0} B | {r.Writes:N0}, {r.BytesWritten / 1e6:0.0} MB | {r.PeakRanges:N0} | {(r.CountsMatch ? "yes" : "**no**")} |"));
        }

        return md.ToString();
    }
}
