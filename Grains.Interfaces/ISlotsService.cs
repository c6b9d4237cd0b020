using Orleans.Services;

namespace Pi.Orleans;

/// <summary>A per-silo service that reports the silo's chunk slots.</summary>
[Alias("pi.ISlotsService")]
public interface ISlotsService : IGrainService
{
    /// <summary>This silo's slot numbers now.</summary>
    [Alias("GetSlots")]
    Task<SlotSnapshot> GetSlotsAsync();
}
