namespace Pi.Orleans.Grains.Scheduling;

/// <summary>The chunks of a run still to send: new ones in order, failed ones again after a pause that doubles per attempt (0.2 s up to 5 s).</summary>
public sealed class ChunkQueue(int chunkCount, IEnumerable<int> done, TimeProvider time)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);
    private readonly Queue<int> _fresh = new(Enumerable.Range(0, chunkCount).Except(done));
    private readonly List<(int Index, DateTimeOffset NotBefore)> _retries = [];
    private readonly Dictionary<int, int> _attempts = [];

    /// <summary>Whether nothing is left to send.</summary>
    public bool IsEmpty => _fresh.Count == 0 && _retries.Count == 0;

    /// <summary>Takes a retry that is due, else the next new chunk.</summary>
    public bool TryTake(out int index)
    {
        var now = time.GetUtcNow();
        var due = _retries.FindIndex(r => r.NotBefore <= now);
        if (due >= 0)
        {
            index = _retries[due].Index;
            _retries.RemoveAt(due);
            return true;
        }

        return _fresh.TryDequeue(out index);
    }

    /// <summary>Counts a new attempt of <paramref name="index"/> and returns its number.</summary>
    public int Attempt(int index) => _attempts[index] = _attempts.GetValueOrDefault(index) + 1;

    /// <summary>Attempts made so far for <paramref name="index"/>.</summary>
    public int Attempts(int index) => _attempts.GetValueOrDefault(index);

    /// <summary>Sends <paramref name="index"/> again after a pause.</summary>
    public void Retry(int index)
    {
        var pause = TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(10, Attempts(index) - 1)));
        _retries.Add((index, time.GetUtcNow() + pause));
    }

    /// <summary>How long until the earliest retry is due, or null when none waits.</summary>
    public TimeSpan? NextRetryIn() => _retries.Count == 0 ? null : _retries.Min(r => r.NotBefore) - time.GetUtcNow();
}
