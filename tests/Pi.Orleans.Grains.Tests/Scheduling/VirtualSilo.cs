using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Core.Scheduling;

namespace Pi.Orleans.Grains.Tests.Scheduling;

/// <summary>
/// A silo on the virtual clock: its slots sample at <c>rate × speed</c> points per second, attempts wait in line for a slot,
/// and while it is frozen nothing on it moves (a SIGSTOP, a long GC pause). A cancelled attempt leaves at once.
/// </summary>
internal sealed class VirtualSilo(string name, int slots, double rate, double speed = 1)
{
    private readonly List<Job> _running = [];
    private readonly LinkedList<Job> _waiting = [];

    public string Name => name;

    public double Speed { get; set; } = speed;

    public DateTimeOffset FrozenFrom { get; set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset FrozenUntil { get; set; } = DateTimeOffset.MaxValue;

    public SiloSlots Snapshot => new(name, slots, _running.Count, _waiting.Count, RunsChunks: true, 0, 0, name, rate);

    public void Add(ChunkDispatch dispatch, long points) => _waiting.AddLast(new Job(dispatch, points));

    public void Cancel(ChunkDispatch dispatch)
    {
        _running.RemoveAll(j => j.Dispatch == dispatch);
        var waiting = _waiting.FirstOrDefault(j => j.Dispatch == dispatch);
        if (waiting is not null)
        {
            _waiting.Remove(waiting);
        }
    }

    /// <summary>Moves the silo on by <paramref name="step"/> from <paramref name="now"/>; returns the attempts that ended, with their rate.</summary>
    public List<(ChunkDispatch Dispatch, double PointsPerSecond)> Advance(DateTimeOffset now, TimeSpan step)
    {
        var ended = new List<(ChunkDispatch, double)>();
        if (now >= FrozenFrom && now < FrozenUntil)
        {
            return ended;
        }

        while (_running.Count < slots && _waiting.First is { } next)
        {
            _waiting.RemoveFirst();
            _running.Add(next.Value);
        }

        foreach (var job in _running.ToList())
        {
            job.Left -= rate * Speed * step.TotalSeconds;
            job.Took += step;
            if (job.Left <= 0)
            {
                _running.Remove(job);
                ended.Add((job.Dispatch, job.Points / job.Took.TotalSeconds));
            }
        }

        return ended;
    }

    private sealed class Job(ChunkDispatch dispatch, long points)
    {
        public ChunkDispatch Dispatch => dispatch;

        public long Points => points;

        public double Left { get; set; } = points;

        public TimeSpan Took { get; set; }
    }
}
