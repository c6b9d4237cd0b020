using System.Threading.Channels;
using Pi.Orleans.Core.Scheduling;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// The chunk calls of a run, handed back in the order they end: waiting for the next one costs O(1), where a
/// <c>Task.WhenAny</c> over every call in flight cost O(calls) per completion (16,000 calls at 1,000 silos × 8 slots × 2).
/// </summary>
internal sealed class ChunkCalls
{
    private readonly Channel<(ChunkDispatch Dispatch, Task<ChunkResult> Call)> _ended =
        Channel.CreateUnbounded<(ChunkDispatch, Task<ChunkResult>)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Calls sent and not yet handed back.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="call"/>, the attempt <paramref name="dispatch"/>.</summary>
    public void Add(ChunkDispatch dispatch, Task<ChunkResult> call)
    {
        Count++;

        // Touches only the channel, which is thread-safe; the run reads it on the grain's scheduler.
        _ = call.ContinueWith(
            static (ended, state) =>
            {
                var (calls, dispatch) = ((ChunkCalls, ChunkDispatch))state!;
                calls._ended.Writer.TryWrite((dispatch, (Task<ChunkResult>)ended));
            },
            (this, dispatch), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The next call that ended, or null when <paramref name="wakeIn"/> passes first.</summary>
    public async Task<(ChunkDispatch Dispatch, Task<ChunkResult> Call)?> NextAsync(TimeSpan? wakeIn, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!_ended.Reader.TryRead(out var ended))
        {
            var wait = _ended.Reader.WaitToReadAsync(cancellationToken).AsTask();
            if (wakeIn <= TimeSpan.Zero)
            {
                // Due now: yield instead of a zero delay, which completes at once and would let a caller that finds nothing
                // to do spin inside one turn of its grain, shutting out every other call to it.
                await Task.Yield();
            }
            else if (wakeIn is { } delay)
            {
                using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(wait, Task.Delay(delay, time, stopTimer.Token));
                await stopTimer.CancelAsync();
            }
            else
            {
                await Task.WhenAny(wait);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (!_ended.Reader.TryRead(out ended))
            {
                return null;
            }
        }

        Count--;
        return ended;
    }
}
