using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Pi.Orleans.Grains.Slots;

/// <summary>This silo's chunk slots: at most <see cref="Total"/> chunks compute at once, the rest wait in line.</summary>
public sealed class ChunkSlots(IOptions<PiOptions> options) : IDisposable
{
    private readonly SlotGate _gate = new(options.Value.EffectiveSlots);
    private readonly SamplingThreads _threads = new(options.Value.EffectiveSlots, options.Value.SamplerNice);
    private int _used;
    private int _queued;
    private long _completed;

    /// <summary>Slots of this silo.</summary>
    public int Total { get; } = options.Value.EffectiveSlots;

    /// <summary>Slots computing a chunk now.</summary>
    public int Used => Volatile.Read(ref _used);

    /// <summary>Chunks waiting for a slot.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Chunks finished on this silo since it started.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>
    /// Waits for a slot, then runs <paramref name="work"/> on one of the slots' sampling threads, off the grain scheduler and the
    /// thread pool. A single calculation's chunk, which someone's request waits for, goes <paramref name="first"/>: before the
    /// distributed calculations' chunks in line (see <see cref="SlotGate"/>).
    /// </summary>
    public async Task<SlotRun<T>> RunAsync<T>(Func<T> work, CancellationToken cancellationToken, bool first = false)
    {
        var queuedAt = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _queued);
        try
        {
            await _gate.WaitAsync(first, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }

        var startedAt = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _used);
        try
        {
            // One thread per slot and the gate above: the work never waits for a thread (see SamplingThreads for why not the pool).
            var value = await _threads.RunAsync(work, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _completed);
            return new SlotRun<T>(value, Stopwatch.GetElapsedTime(queuedAt, startedAt), Stopwatch.GetElapsedTime(startedAt));
        }
        finally
        {
            Interlocked.Decrement(ref _used);
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _threads.Dispose();
    }
}
