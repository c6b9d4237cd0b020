using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Simulation;

/// <summary>
/// One worker silo: attempts wait in line for one of its slots, each slot computes at <c>rate × speed</c>, a cancelled attempt
/// leaves the line or frees its slot at once, and while the silo is frozen (a SIGSTOP, a long GC pause) nothing on it moves.
/// Each time an attempt gets a slot or its end moves, <paramref name="runs"/> is told, to schedule the end at
/// <see cref="SimulatedAttempt.EndsAt"/>.
/// </summary>
public sealed class SimulatedSilo(int number, int slots, double slotRate, double speed, Action<SimulatedAttempt> runs)
{
    private readonly LinkedList<SimulatedAttempt> _waiting = [];
    private readonly HashSet<SimulatedAttempt> _running = [];

    /// <summary>The silo's address.</summary>
    public string Address { get; } = $"S10.{number / 65536}.{number / 256 % 256}.{number % 256}:11111:1";

    /// <summary>The silo's speed: 1 normal, 0.2 five times slower.</summary>
    public double Speed => speed;

    /// <summary>Points per second of all its slots together.</summary>
    public double Capacity => slots * slotRate * speed;

    /// <summary>When the silo failed; null while it runs.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>Whether the silo left gracefully (it finishes what it has).</summary>
    public bool Left { get; set; }

    /// <summary>Whether it is frozen: it neither computes nor answers.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>The slots reading it answers with: its slots, what runs and waits, and its real rate per slot.</summary>
    public SiloSlots Snapshot() =>
        new(Address, slots, _running.Count, _waiting.Count, RunsChunks: true, 0, 0, $"worker-{number}", slotRate * speed);

    /// <summary>How long <paramref name="points"/> take on one of its slots.</summary>
    public TimeSpan DurationOf(long points) => TimeSpan.FromSeconds(points / (slotRate * speed));

    /// <summary>Queues <paramref name="attempt"/>; it starts now if a slot is free.</summary>
    public void Add(SimulatedAttempt attempt, DateTimeOffset now)
    {
        attempt.Waiting = _waiting.AddLast(attempt);
        StartWaiting(now);
    }

    /// <summary>Takes <paramref name="attempt"/> off the silo at <paramref name="now"/> (it ended or was cancelled); its slot goes to the next in line.</summary>
    public void Remove(SimulatedAttempt attempt, DateTimeOffset now)
    {
        attempt.Version++;
        if (attempt.Waiting is { } node)
        {
            _waiting.Remove(node);
            attempt.Waiting = null;
        }
        else if (_running.Remove(attempt))
        {
            StartWaiting(now);
        }
    }

    /// <summary>Freezes the silo: its running attempts stop where they are.</summary>
    public void Freeze(DateTimeOffset now)
    {
        IsFrozen = true;
        foreach (var attempt in _running)
        {
            attempt.Remaining = attempt.EndsAt - now;
            attempt.Version++;
        }
    }

    /// <summary>Thaws the silo: its running attempts go on from where they stopped, and free slots take the next in line.</summary>
    public void Thaw(DateTimeOffset now)
    {
        IsFrozen = false;
        foreach (var attempt in _running)
        {
            attempt.EndsAt = now + attempt.Remaining;
            attempt.Version++;
            runs(attempt);
        }

        StartWaiting(now);
    }

    /// <summary>The silo fails: every attempt on it is lost; returns them.</summary>
    public List<SimulatedAttempt> Fail(DateTimeOffset now)
    {
        FailedAt = now;
        List<SimulatedAttempt> lost = [.. _running, .. _waiting];
        foreach (var attempt in lost)
        {
            attempt.Waiting = null;
            attempt.Version++;
        }

        _running.Clear();
        _waiting.Clear();
        return lost;
    }

    private void StartWaiting(DateTimeOffset now)
    {
        while (!IsFrozen && _running.Count < slots && _waiting.First is { } first)
        {
            var attempt = first.Value;
            _waiting.RemoveFirst();
            attempt.Waiting = null;
            attempt.StartedAt = now;
            attempt.EndsAt = now + attempt.Duration;
            attempt.Version++;
            _running.Add(attempt);
            runs(attempt);
        }
    }
}
