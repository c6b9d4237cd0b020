using System.Globalization;
using System.Text;

namespace Pi.Orleans.Simulation;

/// <summary>The simulated runs as a markdown table: one row per cluster, run with speculation and again without.</summary>
public static class MarkdownTable
{
    /// <summary>One row per pair of runs of the same cluster, the first with speculation, the second without.</summary>
    public static string Of(IReadOnlyList<(SimulationResult Speculating, SimulationResult NotSpeculating)> rows)
    {
        var md = new StringBuilder();
        md.AppendLine("| Silos × slots | Slow / frozen silos | Points | Chunks (s each) | Completions (recomputed) | Retries | Silos failed / left | Peak in flight "
            + "| Ideal | Finished / ideal, speculation | Finished / ideal, no speculation | Duplicates sent (won) "
            + "| Scheduler+state µs per completion (wall) | Simulator CPU µs per completion | Persist µs per write | Peak state JSON / binary "
            + "| Writes, bytes written | Peak ranges | Counted once (with / without) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (r, n) in rows)
        {
            var o = r.Options;
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {o.Silos:N0} × {o.SlotsPerSilo} | {r.SlowSilos} / {r.FrozenSilos} | {o.TotalPoints:0.#e0} | {r.ChunksTotal:N0} ({r.ChunkSeconds:0.00}) "
                + $"| {r.Completions:N0} ({r.Recomputed:N0}) | {r.Retries:N0} | {r.SilosFailed} / {r.SilosLeft} | {r.PeakInFlight:N0} | {r.Ideal.TotalSeconds:N0} s "
                + $"| {r.Elapsed.TotalSeconds:N0} s ({r.Elapsed / r.Ideal:0.000}) | {n.Elapsed.TotalSeconds:N0} s ({n.Elapsed / n.Ideal:0.000}) "
                + $"| {r.Speculated:N0} ({r.SpeculativeWins:N0}) | {r.SchedulerMicrosPerCompletion:0.00} | {r.ProcessMicrosPerCompletion:0.00} "
                + $"| {r.PersistSeconds * 1e6 / Math.Max(1, r.Writes):N0} | {r.PeakStateJson:N0} B / {r.PeakStateBinary:N0} B "
                + $"| {r.Writes:N0}, {r.BytesWritten / 1e6:0.0} MB | {r.PeakRanges:N0} | {Yes(r.CountsMatch)} / {Yes(n.CountsMatch)} |"));
        }

        md.AppendLine();
        md.AppendLine("Ideal: total points ÷ the starting silos' capacity (Σ slots × rate per slot × speed, a slow silo's speed 1/factor), with a "
            + "frozen silo's capacity counted as 0 while it is frozen; churn is not taken out. The columns other than the two times are "
            + "the run with speculation; both runs see the same silos, stragglers, churn and crash.");
        return md.ToString();
    }

    private static string Yes(bool ok) => ok ? "yes" : "**no**";
}
