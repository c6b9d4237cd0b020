using Pi.Orleans.Core.Planning;

namespace Pi.Orleans.Grains;

/// <summary>
/// Single-mode calculations of one chunk, run without a calculation grain: the chunk is computed on this silo when it runs chunks,
/// else by a worker's slots service (no chunk grain either); the finished state is written to the calculation storage before the answer, so the
/// calculation is read, listed and kept exactly as one the grain ran. Registered by <see cref="PiGrainsExtensions.AddPiGrains"/>.
/// </summary>
public interface ISingleChunkCalculations
{
    /// <summary>Whether <paramref name="request"/>, planned as <paramref name="planning"/>, takes this path: single mode, one chunk, no refusal.</summary>
    bool Takes(CalculationRequest request, ChunkPlanning planning);

    /// <summary>
    /// Runs calculation <paramref name="id"/> (admitted already) and returns it finished; null when its chunk could not be computed
    /// here (its worker failed), and the caller hands it to the calculation grain, which retries. It is not cut short when the
    /// caller goes: an admitted calculation always ends recorded.
    /// </summary>
    Task<CalculationSnapshot?> RunAsync(Guid id, CalculationRequest request, ChunkPlanning planning);
}
