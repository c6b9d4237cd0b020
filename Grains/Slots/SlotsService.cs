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
        localSilo.Name));
}
