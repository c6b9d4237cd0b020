namespace Pi.Orleans.Core.Scheduling;

/// <summary>
/// The chunks of a run still to send: new ones in order from a cursor that skips the done ones, and failed ones again after a
/// pause that doubles per attempt (0.2 s up to 5 s). Its memory grows with the retries and the attempts in flight, never with
/// the chunks: nothing is listed ahead of the cursor.
/// </summary>
/// <param name="chunkCount">The chunks of the run.</param>
/// <param name="nextUndone">The first chunk at or after an index that is not done (the done ones are skipped, however many).</param>
/// <param name="time">The clock of the retry pauses.</param>
public sealed class ChunkQueue(int chunkCount, Func<int, int> nextUndone, TimeProvider time)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);
    private readonly PriorityQueue<int, DateTimeOffset> _retries = new();
    private readonly Dictionary<int, int> _attempts = [];
    private int _cursor = Math.Min(chunkCount, nextUndone(0));

    /// <summary>A queue of <paramref name="chunkCount"/> chunks with none done.</summary>
    public ChunkQueue(int chunkCount, TimeProvider time)
        : this(chunkCount, index => index, time)
    {
    }

    /// <summary>Whether nothing is left to send.</summary>
    public bool IsEmpty => _retries.Count == 0 && (_cursor >= chunkCount || nextUndone(_cursor) >= chunkCount);

    /// <summary>Takes a retry that is due, else the next new chunk.</summary>
    public bool TryTake(out int index)
    {
        if (_retries.TryPeek(out index, out var notBefore) && notBefore <= time.GetUtcNow())
        {
            _retries.Dequeue();
            return true;
        }

        _cursor = Math.Min(chunkCount, nextUndone(_cursor));
        if (_cursor >= chunkCount)
        {
            index = -1;
            return false;
        }

        index = _cursor++;
        return true;
    }

    /// <summary>Counts a new attempt of <paramref name="index"/> and returns its number.</summary>
    public int Attempt(int index) => _attempts[index] = _attempts.GetValueOrDefault(index) + 1;

    /// <summary>Attempts made so far for <paramref name="index"/>.</summary>
    public int Attempts(int index) => _attempts.GetValueOrDefault(index);

    /// <summary>Forgets the attempts of <paramref name="index"/>, which succeeded: only unfinished chunks are remembered.</summary>
    public void Forget(int index) => _attempts.Remove(index);

    /// <summary>Sends <paramref name="index"/> again after a pause.</summary>
    public void Retry(int index)
    {
        var pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(10, Attempts(index) - 1)));
        _retries.Enqueue(index, time.GetUtcNow() + pause);
    }

    /// <summary>How long until the earliest retry is due, or null when none waits.</summary>
    public TimeSpan? NextRetryIn() => _retries.TryPeek(out _, out var notBefore) ? notBefore - time.GetUtcNow() : null;
}
