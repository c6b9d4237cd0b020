using Pi.Orleans.Grains.Placement;
using Pi.Orleans.Grains.Sampling;
using Pi.Orleans.Grains.Slots;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>One chunk attempt: placed on the silo its caller aims it at, waits for a slot there, samples off the grain scheduler, then deactivates.</summary>
[SlotAwarePlacement]
public sealed class ChunkGrain(ChunkSlots slots, ILocalSiloDetails silo) : Grain, IChunkGrain
{
    public async Task<ChunkResult> ComputeAsync(ChunkWork work, CancellationToken cancellationToken = default)
    {
        try
        {
            var run = await slots.RunAsync(
                () => PiSampler.CountInside(work.Seed, work.FirstBlock, work.Points, cancellationToken),
                cancellationToken);
            return new ChunkResult(run.Value, work.Points, silo.Name, run.Computed.TotalMilliseconds, run.Queued.TotalMilliseconds);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
