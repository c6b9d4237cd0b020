using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Core.Sampling;
using Pi.Orleans.Grains.Diagnostics;
using Pi.Orleans.Grains.Slots;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>Computes one chunk on this silo: waits for one of its slots, samples off the grain scheduler, and records the span and metrics.</summary>
internal sealed partial class ChunkComputer(
    ChunkSlots slots, SlotRate rate, ILocalSiloDetails silo, PiInstruments instruments, IOptions<PiOptions> options, ILogger<ChunkComputer> logger)
{
    /// <summary>This silo's name, as results report it.</summary>
    public string SiloName => silo.Name;

    /// <summary>
    /// Counts the inside points of <paramref name="work"/>; <paramref name="key"/> names the attempt in the trace. A single-mode
    /// calculation's chunk goes <paramref name="first"/> in the slots' line (<see cref="ChunkSlots.RunAsync{T}"/>).
    /// </summary>
    public async Task<ChunkResult> ComputeAsync(string key, ChunkWork work, CancellationToken cancellationToken, bool first = false)
    {
        using var activity = PiActivities.Source.StartActivity("pi.chunk");
        activity?.SetTag("pi.chunk.key", key);
        activity?.SetTag("pi.chunk.points", work.Points);
        activity?.SetTag("pi.silo", silo.Name);
        var run = await slots.RunAsync(() => Sample(work, cancellationToken), cancellationToken, first);
        instruments.OnChunkComputed(work.Points, run.Computed);

        // The slot's speed is the sampler's own time: the delay in starting the work is not the slot's.
        rate.Add(work.Points, run.Value.Sampled);
        LogComputed(logger, key, silo.Name, work.Points, run.Computed.TotalMilliseconds, run.Queued.TotalMilliseconds);
        return new ChunkResult(run.Value.Inside, work.Points, silo.Name, run.Computed.TotalMilliseconds, run.Queued.TotalMilliseconds);
    }

    private (long Inside, TimeSpan Sampled) Sample(ChunkWork work, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var inside = PiSampler.CountInside(work.Seed, work.FirstBlock, work.Points, options.Value.Kernel, cancellationToken);
        return (inside, Stopwatch.GetElapsedTime(started));
    }

    // One line per computed attempt key ({calculation}/{chunk}/{attempt}): counting these over every worker's log shows which
    // chunks were computed more than once, including attempts whose result never reached the calculation.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Chunk {ChunkKey} computed on {Silo}: {Points} points in {ComputeMs} ms after {QueuedMs} ms queued")]
    private static partial void LogComputed(ILogger logger, string chunkKey, string silo, long points, double computeMs, double queuedMs);
}
