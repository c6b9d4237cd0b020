namespace Pi.Orleans.Core.Scheduling;

/// <summary>
/// A calculation's live attempts by chunk: sent, not ended and not given up. A chunk has one, or two while a straggler's
/// duplicate runs; each attempt remembers whether it still holds a place in the window (until it runs overdue).
/// </summary>
internal sealed class LiveAttempts
{
    private readonly Dictionary<int, List<LiveAttempt>> _byChunk = [];

    /// <summary>How many chunks have a live attempt.</summary>
    public int Chunks => _byChunk.Count;

    /// <summary>Every live attempt.</summary>
    public IEnumerable<ChunkDispatch> All => _byChunk.Values.SelectMany(attempts => attempts).Select(a => a.Dispatch);

    /// <summary>Whether chunk <paramref name="index"/> has a live attempt.</summary>
    public bool IsRunning(int index) => _byChunk.ContainsKey(index);

    /// <summary>The live attempts of chunk <paramref name="index"/> (0 when it has none).</summary>
    public int CountOf(int index) => _byChunk.TryGetValue(index, out var attempts) ? attempts.Count : 0;

    /// <summary>The silos chunk <paramref name="index"/> runs on now.</summary>
    public List<string> SilosOf(int index) =>
        _byChunk.TryGetValue(index, out var attempts) ? [.. attempts.Select(a => a.Dispatch.Silo).OfType<string>()] : [];

    /// <summary>The live attempt <paramref name="attempt"/> of chunk <paramref name="index"/>, or null.</summary>
    public LiveAttempt? Find(int index, int attempt) =>
        _byChunk.TryGetValue(index, out var attempts) ? attempts.Find(a => a.Dispatch.Attempt == attempt) : null;

    /// <summary>Adds <paramref name="dispatch"/>, just sent.</summary>
    public void Add(ChunkDispatch dispatch)
    {
        if (!_byChunk.TryGetValue(dispatch.Index, out var attempts))
        {
            _byChunk[dispatch.Index] = attempts = [];
        }

        attempts.Add(new LiveAttempt(dispatch));
    }

    /// <summary>
    /// Takes the live attempt <paramref name="dispatch"/> out; returns it and its chunk's others, still live unless
    /// <paramref name="endChunk"/> gives them all up with it. Throws when it is not live.
    /// </summary>
    public (LiveAttempt Ended, List<LiveAttempt> Others) Take(ChunkDispatch dispatch, bool endChunk)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var ended = Find(dispatch.Index, dispatch.Attempt)
            ?? throw new InvalidOperationException($"chunk {dispatch.Index} attempt {dispatch.Attempt} is not in flight");
        var others = _byChunk[dispatch.Index];
        others.Remove(ended);
        if (endChunk || others.Count == 0)
        {
            _byChunk.Remove(dispatch.Index);
        }

        return (ended, others);
    }
}

/// <summary>One live attempt; <see cref="Counted"/>: whether it holds a place in the window (until it runs overdue).</summary>
internal sealed class LiveAttempt(ChunkDispatch dispatch)
{
    public ChunkDispatch Dispatch => dispatch;

    public bool Counted { get; set; } = true;
}
