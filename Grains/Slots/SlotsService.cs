using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Grains.Diagnostics;

namespace Pi.Orleans.Grains.Slots;

/// <summary>Runs on every silo and answers for its <see cref="ChunkSlots"/>.</summary>
[Reentrant]
internal sealed class SlotsService(
    GrainId grainId,
    Silo silo,
    ILoggerFactory loggerFactory,
    ChunkSlots slots,
    SlotRate rate,
    PiInstruments instruments,
    ILocalSiloDetails localSilo,
    Calculations.ChunkComputer computer,
    IOptions<PiOptions> options) : GrainService(grainId, silo, loggerFactory), ISlotsService
{
    private static readonly TimeSpan CalibrationDelay = TimeSpan.FromSeconds(1);

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

    public Task<ChunkResult> ComputeAsync(string key, ChunkWork work) => options.Value.RunsChunks
        ? computer.ComputeAsync(key, work, CancellationToken.None, first: true)
        : throw new InvalidOperationException($"{localSilo.Name} runs no chunks (chunk {key})");

    /// <summary>Starts the service; a silo that runs chunks measures its slot rate once in the background, a second after the start, so that plans soon have a rate.</summary>
    public override async Task Start()
    {
        await base.Start();
        if (options.Value.RunsChunks)
        {
            // A moment after the start, whose own work would otherwise slow the calibration down (by 3× once on 2 cores).
            _ = Task.Run(async () =>
            {
                await Task.Delay(CalibrationDelay);
                rate.Calibrate();
            });
        }
    }
}
