using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// What every profile sends through: submit, read, follow. Each request is timed and its answer recorded by status code while
/// measuring; each accepted calculation is tracked. A request is never cut short by a profile's own stop, only by the run's
/// cancellation or its timeout, so the end of a run does not turn into a burst of "no answer".
/// </summary>
internal sealed class LoadDriver(PiApiClient api, Stopwatch clock)
{
    private readonly ConcurrentQueue<RequestRecord> _records = new();
    private readonly ConcurrentDictionary<Guid, TrackedCalculation> _calculations = new();
    private readonly ConcurrentQueue<Guid> _overdue = new();
    private readonly Stopwatch _measured = Stopwatch.StartNew();
    private volatile bool _measuring = true;

    public TimeSpan Elapsed => clock.Elapsed;

    public TimeSpan Measured => _measured.Elapsed;

    public bool IsMeasuring => _measuring;

    public IReadOnlyList<RequestRecord> Records => [.. _records.OrderBy(r => r.StartS)];

    public IReadOnlyList<TrackedCalculation> Calculations => [.. _calculations.Values.OrderBy(c => c.SubmittedAtS)];

    /// <summary>Followed calculations still running when their follower gave up on them.</summary>
    public IReadOnlyList<Guid> Overdue => [.. _overdue.Distinct()];

    /// <summary>Accepted calculations not yet seen final.</summary>
    public int Running => _calculations.Values.Count(c => !c.IsFinal);

    /// <summary>The phase of the step being sent (a steps profile), for an experiment's monitor; null when the profile has none.</summary>
    public string? Phase { get; set; }

    /// <summary>Drops what was recorded so far (a warm-up) and starts measuring again.</summary>
    public void StartMeasuring()
    {
        _records.Clear();
        _calculations.Clear();
        _overdue.Clear();
        _measured.Restart();
        _measuring = true;
    }

    /// <summary>Stops recording; requests still in flight end unrecorded.</summary>
    public void StopMeasuring()
    {
        if (_measuring)
        {
            _measuring = false;
            _measured.Stop();
        }
    }

    /// <summary>Recording off until <see cref="StartMeasuring"/>: the warm-up.</summary>
    public void Pause()
    {
        _measuring = false;
    }

    public async Task<Calculation?> SubmitAsync(string phase, RequestShape shape, ulong seed, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var at = clock.Elapsed.TotalSeconds;
        var (calculation, _) = await SendAsync(shape.Kind, null, token => api.SubmitAsync(shape.Points, shape.Mode, seed, token), timeout, cancellationToken);
        if (calculation is not null && _measuring)
        {
            _calculations[calculation.Id] = new TrackedCalculation(phase, shape, seed, at, calculation, calculation.IsFinished ? clock.Elapsed.TotalSeconds : null);
        }

        return calculation;
    }

    public async Task<Calculation?> ReadAsync(Guid id, CancellationToken cancellationToken, string kind = "read", TimeSpan? timeout = null) =>
        (await ReadOnceAsync(id, cancellationToken, kind, timeout)).Calculation;

    /// <summary>Reads the calculation once; Answered when the Api said what it is (200) or that it has none (404, counted as a lost read).</summary>
    public async Task<(Calculation? Calculation, bool Answered)> ReadOnceAsync(Guid id, CancellationToken cancellationToken, string kind = "read", TimeSpan? timeout = null)
    {
        var (calculation, answer) = await SendAsync(kind, id, token => api.GetAsync(id, token), timeout, cancellationToken);
        if (calculation is not null)
        {
            Update(calculation);
        }
        else if (answer.StatusCode == 404)
        {
            NotFound(id);
        }

        return (calculation, calculation is not null || answer.StatusCode == 404);
    }

    /// <summary>Counts a calculation still running when the profile stopped waiting for it (see <see cref="Overdue"/>).</summary>
    public void GiveUp(Guid id)
    {
        if (_measuring)
        {
            _overdue.Enqueue(id);
        }
    }

    /// <summary>Reads the calculation every <paramref name="every"/> until it ends; false if it still runs after <paramref name="limit"/>.</summary>
    public async Task<bool> FollowAsync(Guid id, TimeSpan every, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = clock.Elapsed;
        while (clock.Elapsed - started < limit)
        {
            await Task.Delay(every, cancellationToken);
            if (await ReadAsync(id, cancellationToken) is { IsFinished: true })
            {
                return true;
            }
        }

        GiveUp(id);
        return false;
    }

    /// <summary>Reads every tracked calculation not yet final, once.</summary>
    public async Task ReadRunningAsync(CancellationToken cancellationToken, string kind = "read")
    {
        foreach (var c in _calculations.Values.Where(c => !c.IsFinal).ToList())
        {
            await ReadAsync(c.Latest.Id, cancellationToken, kind, TimeSpan.FromSeconds(10));
        }
    }

    private async Task<(Calculation? Calculation, StatusCapture.Answer Answer)> SendAsync(
        string kind, Guid? id, Func<CancellationToken, Task<Calculation>> send, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var answer = new StatusCapture.Answer();
        StatusCapture.Current.Value = answer;
        using var time = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t)
        {
            time.CancelAfter(t);
        }

        var at = clock.Elapsed;
        Calculation? calculation = null;
        try
        {
            calculation = await send(time.Token);
        }
        catch (ApiException)
        {
            // The status code is in the answer; the problem's text is not what a tally counts.
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // No answer, a timeout or an answer that is not a calculation: counted by what the status line said, if anything.
        }

        if (_measuring)
        {
            _records.Enqueue(new RequestRecord(kind, at.TotalSeconds, (clock.Elapsed - at).TotalMilliseconds, answer.Label, calculation?.Id ?? id));
        }

        return (calculation, answer);
    }

    private void Update(Calculation latest)
    {
        // Reads overlap (a follower, the periodic reader, the drain); an answer sent before the calculation finished may
        // arrive after a later one and must not turn a final status back into a running one. A warm-up's calculation is not tracked.
        lock (_calculations)
        {
            if (_calculations.TryGetValue(latest.Id, out var c) && !(c.IsFinal && !latest.IsFinished))
            {
                _calculations[latest.Id] = c with { Latest = latest, FinishedAtS = c.FinishedAtS ?? (latest.IsFinished ? clock.Elapsed.TotalSeconds : null) };
            }
        }
    }

    private void NotFound(Guid id)
    {
        lock (_calculations)
        {
            if (_calculations.TryGetValue(id, out var c))
            {
                _calculations[id] = c with { NotFound = c.NotFound + 1 };
            }
        }
    }
}
