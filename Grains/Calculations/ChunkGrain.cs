using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pi.Orleans.Grains.Diagnostics;
using Pi.Orleans.Grains.Hosting;
using Pi.Orleans.Grains.Placement;
using Pi.Orleans.Grains.Sampling;
using Pi.Orleans.Grains.Slots;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>One chunk attempt: placed on the silo its caller aims it at, waits for a slot there, samples off the grain scheduler, then deactivates.</summary>
[SlotAwarePlacement]
public sealed partial class ChunkGrain(
    ChunkSlots slots, ILocalSiloDetails silo, PiInstruments instruments, IOptions<PiOptions> options, ILogger<ChunkGrain> logger) : Grain, IChunkGrain
{
    public async Task<ChunkResult> ComputeAsync(ChunkWork work, CancellationToken cancellationToken = default)
    {
        using var activity = PiActivities.Source.StartActivity("pi.chunk");
        activity?.SetTag("pi.chunk.key", this.GetPrimaryKeyString());
        activity?.SetTag("pi.chunk.points", work.Points);
        activity?.SetTag("pi.silo", silo.Name);
        try
        {
            var run = await slots.RunAsync(
                () => PiSampler.CountInside(work.Seed, work.FirstBlock, work.Points, options.Value.Kernel, cancellationToken),
                cancellationToken);
            instruments.OnChunkComputed(work.Points, run.Computed);
            LogComputed(logger, this.GetPrimaryKeyString(), silo.Name, work.Points, run.Computed.TotalMilliseconds, run.Queued.TotalMilliseconds);
            return new ChunkResult(run.Value, work.Points, silo.Name, run.Computed.TotalMilliseconds, run.Queued.TotalMilliseconds);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
