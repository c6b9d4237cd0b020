using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Pi.Orleans.Grains.Diagnostics;

namespace Pi.Orleans.Grains.Slots;

/// <summary>Runs on every silo and answers for its <see cref="ChunkSlots"/>.</summary>
[Reentrant]
public sealed class SlotsService(
    GrainId grainId,
    Silo silo,
    ILoggerFactory loggerFactory,
    ChunkSlots slots,
    SlotRate rate,
    PiInstruments instruments,
    ILocalSiloDetails localSilo,
    IOptions<PiOptions> options) : GrainService(grainId, silo, loggerFactory), ISlotsService
{
    public Task<SlotSnapshot> GetSlotsAsync() => Task.FromResult(new SlotSnapshot(
        localSilo.SiloAddress.ToParsableString(),
        slots.Total,
        slots.Used,
        slots.Queued,
        options.Value.RunsChunks,
        slots.Completed,
        instruments.PendingChunks,
        localSilo.Name,
        options.Value.RunsChunks ? rate.PointsPerSecond : 0));

    /// <summary>Starts the service; a silo that runs chunks measures its slot rate once in the background, so the first plan has a rate.</summary>
    public override async Task Start()
    {
        await base.Start();
        if (options.Value.RunsChunks)
        {
            _ = Task.Run(rate.Calibrate);
        }
    }
}
