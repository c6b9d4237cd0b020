using System.Text.RegularExpressions;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>
/// Chunk attempts computed, read from the workers' logs: every ChunkComputer (a ChunkGrain, or a single-mode calculation on its own silo) logs "Chunk {calculation}/{chunk}/{attempt}
/// computed" at Debug. A chunk index with more than one such line was computed more than once: a retry, a resumed calculation
/// recomputing what its last activation had in flight, or a speculative duplicate attempt that finished too (the first result
/// counts). That costs time, not correctness, so it is a number of the report and no invariant. Lines a SIGKILLed worker had
/// not flushed are missing.
/// </summary>
public static partial class ChunkLedger
{
    /// <summary>Per calculation (id without dashes): attempts computed, and chunk indexes computed more than once.</summary>
    public static IReadOnlyDictionary<string, (int Attempts, int ComputedTwice)> Read(IEnumerable<string> logFiles)
    {
        var perChunk = new Dictionary<(string Calculation, int Chunk), int>();
        foreach (var file in logFiles.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(file))
            {
                var m = Computed().Match(line);
                if (m.Success)
                {
                    var key = (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
                    perChunk[key] = perChunk.GetValueOrDefault(key) + 1;
                }
            }
        }

        return perChunk.GroupBy(p => p.Key.Calculation).ToDictionary(
            g => g.Key,
            g => (g.Sum(p => p.Value), g.Count(p => p.Value > 1)));
    }

    // Any attempt part: whatever a duplicate attempt's key looks like, it is an attempt of that chunk.
    [GeneratedRegex(@"Chunk ([0-9a-f]{32})/(\d+)/\S+ computed")]
    private static partial Regex Computed();
}
