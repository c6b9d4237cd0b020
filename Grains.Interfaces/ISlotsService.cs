using Orleans.Services;

namespace Pi.Orleans;

/// <summary>A per-silo service that reports the silo's chunk slots, and computes a single-mode calculation's one chunk.</summary>
[Alias("pi.ISlotsService")]
public interface ISlotsService : IGrainService
{
    /// <summary>This silo's slot numbers now.</summary>
    [Alias("GetSlots")]
    Task<SlotSnapshot> GetSlotsAsync();

    /// <summary>
    /// Computes <paramref name="work"/> in this silo's slots (<paramref name="key"/> names the attempt in logs and traces): the
    /// small request's chunk, with no grain to place, activate, register in the directory and deactivate. It goes before the
    /// distributed calculations' chunks waiting for a slot: someone's request is waiting for it.
    /// </summary>
    [Alias("Compute")]
    Task<ChunkResult> ComputeAsync(string key, ChunkWork work);
}
