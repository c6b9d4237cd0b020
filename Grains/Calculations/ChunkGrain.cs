using Pi.Orleans.Grains.Placement;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>One chunk attempt: placed on the silo its caller aims it at, waits for a slot there, samples off the grain scheduler, then deactivates.</summary>
[SlotAwarePlacement]
[ChunkDirectory]
internal sealed class ChunkGrain(ChunkComputer computer) : Grain, IChunkGrain
{
    public async Task<ChunkResult> ComputeAsync(ChunkWork work, CancellationToken cancellationToken = default)
    {
        try
        {
            return await computer.ComputeAsync(this.GetPrimaryKeyString(), work, cancellationToken);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
