using Pi.Orleans.Core.Planning;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>The edge between the core and the wire: a plan cuts <see cref="ChunkRange"/>s, a chunk grain is sent <see cref="ChunkWork"/>.</summary>
internal static class ChunkRanges
{
    public static ChunkWork ToWork(this ChunkRange range) => new(range.Seed, range.FirstBlock, range.Points);
}
