using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Core.Scheduling;

/// <summary>
/// Decides how many chunk calls a calculation keeps in flight and which silo each attempt is aimed at, and keeps what this
/// calculation knows of each silo: its attempts in flight, the rate its chunks reached, and whether it is suspect. A silo is
/// suspect after an attempt failed (for 15 s or until it answers) or ran overdue (until it answers, or leaves the silos'
/// reading and comes back): retries and new chunks do not chase a silo that died or froze before membership says so. The
/// window counts only the trusted silos' slots and attempts, so attempts stuck on a frozen silo do not hold the others back.
/// The silos are given once per change (<see cref="Refresh"/>), so that choosing one for each chunk does not walk them all.
/// </summary>
public abstract class ChunkRouter(TimeProvider time)
{
    private static readonly TimeSpan SuspectFor = TimeSpan.FromSeconds(15);
    private readonly Dictionary<string, DateTimeOffset> _failedAt = [];
    private readonly HashSet<string> _overdue = [];
    private readonly Dictionary<string, SiloSlots> _silos = [];
    private readonly Dictionary<string, int> _inFlight = [];
    private readonly Dictionary<string, int> _live = [];
    private readonly Dictionary<string, double> _rates = [];
    private int _trustedSlots;
    private int _trustedInFlight;
    private bool _allSuspect;

    /// <summary>How many calls per trusted slot may be in flight.</summary>
    protected abstract int PerSlot { get; }

    /// <summary>How many chunk calls may be in flight on the trusted silos (all silos when every one is suspect).</summary>
    public virtual int Window => Math.Max(_silos.Count == 0 ? 0 : 1, _trustedSlots * PerSlot);

    /// <summary>Whether another attempt fits the window.</summary>
    public bool HasRoom => _trustedInFlight < Window;

    /// <summary>The chunk-running silos of the last <see cref="Refresh"/>.</summary>
    protected IReadOnlyDictionary<string, SiloSlots> Silos => _silos;

    /// <summary>The chunk-running silos now; called when they change.</summary>
    public virtual void Refresh(IReadOnlyList<SiloSlots> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);

        // A silo that was missing from the last reading (it did not answer) and answers again is trusted again.
        var before = new HashSet<string>(_silos.Keys);
        _silos.Clear();
        foreach (var silo in silos)
        {
            _silos[silo.Silo] = silo;
            if (before.Count > 0 && !before.Contains(silo.Silo))
            {
                _overdue.Remove(silo.Silo);
            }
        }

        Recount();
    }

    /// <summary>Lets suspicions after a failure run out; call before choosing.</summary>
    public void Tick()
    {
        var now = time.GetUtcNow();
        List<string>? expired = null;
        foreach (var (silo, at) in _failedAt)
        {
            if (now - at > SuspectFor)
            {
                (expired ??= []).Add(silo);
            }
        }

        if (expired is not null)
        {
            expired.ForEach(silo => _failedAt.Remove(silo));
            Recount();
        }
    }

    /// <summary>
    /// The silo (parsable address) for the next attempt, none of <paramref name="exclude"/>, or null: with
    /// <paramref name="idleOnly"/> only a silo with a slot this calculation does not use; else null lets placement choose.
    /// </summary>
    public abstract string? Choose(IReadOnlyCollection<string>? exclude = null, bool idleOnly = false);

    /// <summary>The name of <paramref name="silo"/>, or null when it is not among the silos now.</summary>
    public string? NameOf(string? silo) => silo is not null && _silos.TryGetValue(silo, out var snapshot) ? snapshot.Name : null;

    /// <summary>This calculation's attempts in flight on <paramref name="silo"/>.</summary>
    public int InFlightOn(string silo) => _inFlight.GetValueOrDefault(silo);

    /// <summary>The slots of <paramref name="silo"/> (1 when it is not among the silos now).</summary>
    public int SlotsOf(string silo) => _silos.TryGetValue(silo, out var snapshot) ? Math.Max(1, snapshot.Total) : 1;

    /// <summary>Chunks waiting or running on <paramref name="silo"/> as it last reported them, all calculations together.</summary>
    public int BusyOn(string silo) => _silos.TryGetValue(silo, out var snapshot) ? snapshot.Used + snapshot.Queued : 0;

    /// <summary>
    /// Points per second of one slot of <paramref name="silo"/>: what this calculation's chunks reached there, else what the
    /// silo reports, else the average of the others; 0 when nothing is known.
    /// </summary>
    public double RateOf(string silo)
    {
        if (_rates.TryGetValue(silo, out var learned))
        {
            return learned;
        }

        if (_silos.TryGetValue(silo, out var snapshot) && snapshot.PointsPerSecondPerSlot > 0)
        {
            return snapshot.PointsPerSecondPerSlot;
        }

        return _silos.Values.PointsPerSecondPerSlot();
    }

    /// <summary>
    /// Whether <paramref name="silo"/> is suspect now: an attempt failed in the last 15 s (as of the last <see cref="Tick"/>),
    /// or one ran overdue and it has not answered since.
    /// </summary>
    public bool IsSuspect(string silo) =>
        _overdue.Contains(silo) || _failedAt.ContainsKey(silo);

    /// <summary>Whether <paramref name="silo"/> ran overdue and should get one probe attempt while it has nothing in flight.</summary>
    public bool WantsProbe(string silo) => _overdue.Contains(silo) && _silos.ContainsKey(silo) && _live.GetValueOrDefault(silo) == 0;

    /// <summary>Whether any silo ran overdue and has not answered since (the usual case is none).</summary>
    public bool AnyOverdue => _overdue.Count > 0;

    /// <summary>The overdue silos among the silos now.</summary>
    public IEnumerable<string> Overdue => _overdue.Where(_silos.ContainsKey);

    /// <summary>An attempt on <paramref name="silo"/> ran past its overdue time.</summary>
    public void MarkOverdue(string silo)
    {
        if (_overdue.Add(silo))
        {
            Recount();
        }
    }

    /// <summary>An attempt was sent to <paramref name="silo"/>.</summary>
    public void Sent(string silo)
    {
        Live(silo, +1);
        Move(silo, +1);
    }

    /// <summary>
    /// An attempt on <paramref name="silo"/> ran overdue: it stays live, but no longer holds a place in the window or in the
    /// silo's load, so its duplicate and the next chunks can go out; its end is then reported with <c>counted: false</c>.
    /// </summary>
    public void Uncount(string silo) => Move(silo, -1);

    /// <summary>
    /// An attempt sent to <paramref name="silo"/> ended, well or not; a good one brings the rate its chunk reached
    /// (<paramref name="pointsPerSecond"/>, 0 when unknown) and clears any suspicion of the silo. <paramref name="counted"/>:
    /// false for an attempt taken out of the count by <see cref="Uncount"/>.
    /// </summary>
    public void Ended(string silo, bool succeeded, double pointsPerSecond = 0, bool counted = true)
    {
        Live(silo, -1);
        if (counted)
        {
            Move(silo, -1);
        }

        if (succeeded)
        {
            if (pointsPerSecond > 0)
            {
                // A running mean that follows a silo whose speed changes (a CPU quota, a noisy neighbour) within a few chunks.
                _rates[silo] = _rates.TryGetValue(silo, out var rate) ? (rate + pointsPerSecond) / 2 : pointsPerSecond;
            }

            var changed = _overdue.Remove(silo) | _failedAt.Remove(silo);
            if (changed)
            {
                Recount();
            }
        }
        else
        {
            _failedAt[silo] = time.GetUtcNow();
            Recount();
        }

        OnEnded(silo, succeeded);
    }

    /// <summary>An attempt on <paramref name="silo"/> was given up (another attempt of its chunk won): it says nothing of the silo.</summary>
    public void Abandoned(string silo, bool counted = true)
    {
        Live(silo, -1);
        if (counted)
        {
            Move(silo, -1);
        }
    }

    /// <summary>Whether the choice should consider <paramref name="silo"/>: trusted, or every silo is suspect.</summary>
    protected bool IsUsable(string silo) => _allSuspect || !IsSuspect(silo);

    /// <summary>Called after an attempt on <paramref name="silo"/> ended, well or not.</summary>
    protected virtual void OnEnded(string silo, bool succeeded)
    {
    }

    /// <summary>Called after this calculation's attempts on <paramref name="silo"/> changed by <paramref name="delta"/>.</summary>
    protected virtual void OnMoved(string silo, int delta)
    {
    }

    // Every live attempt, counted in the window or not: a suspect silo is probed only when it has none.
    private void Live(string silo, int delta)
    {
        _live[silo] = _live.GetValueOrDefault(silo) + delta;
        if (_live[silo] == 0)
        {
            _live.Remove(silo);
        }
    }

    private void Move(string silo, int delta)
    {
        _inFlight[silo] = _inFlight.GetValueOrDefault(silo) + delta;
        if (_inFlight[silo] == 0)
        {
            _inFlight.Remove(silo);
        }

        if (_silos.ContainsKey(silo) && IsUsable(silo))
        {
            _trustedInFlight += delta;
        }

        OnMoved(silo, delta);
    }

    // O(silos), on the rare changes of suspicion and silos; sending and ending attempts keep the counts in O(1).
    private void Recount()
    {
        _allSuspect = _silos.Count > 0 && _silos.Keys.All(IsSuspect);
        _trustedSlots = 0;
        _trustedInFlight = 0;
        foreach (var (address, snapshot) in _silos)
        {
            if (IsUsable(address))
            {
                _trustedSlots += snapshot.Total;
                _trustedInFlight += InFlightOn(address);
            }
        }
    }
}
