using System.Text;

namespace Pi.Orleans;

/// <summary>
/// The calculation index is cut into <see cref="Partitions"/> <see cref="ICalculationIndexGrain"/>s, keyed 0 to Partitions - 1,
/// each holding the calculations of the clients that hash to it: a submission calls only its client's partition, so no one grain
/// is on every submission's path, and the per-client limit is still counted in one place. Listing merges the partitions.
/// </summary>
public static class CalculationIndex
{
    /// <summary>How many partitions; part of the cluster's wire contract (every silo must agree), so a constant.</summary>
    public const int Partitions = 8;

    /// <summary>The partition that holds <paramref name="client"/>'s calculations (a stable hash: FNV-1a of its UTF-8 bytes).</summary>
    public static int PartitionOf(string? client)
    {
        var hash = 2_166_136_261u;
        foreach (var b in Encoding.UTF8.GetBytes(client ?? ""))
        {
            hash = (hash ^ b) * 16_777_619u;
        }

        return (int)(hash % Partitions);
    }
}
