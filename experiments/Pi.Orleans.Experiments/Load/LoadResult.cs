namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// What a load run got: every request it recorded (after any warm-up), every calculation it had accepted, the followed ones
/// still running when their follower gave up (<paramref name="Overdue"/>), the measured time, and whether the run was
/// cancelled before its profile ended.
/// </summary>
public sealed record LoadResult(
    string Profile, string Parameters, TimeSpan Measured, IReadOnlyList<RequestRecord> Requests, IReadOnlyList<TrackedCalculation> Calculations,
    IReadOnlyList<Guid> Overdue, bool Cancelled)
{
    /// <summary>Answers by request kind and status code ("202", "429+Retry-After", "no answer"), ordered by kind and answer.</summary>
    public IReadOnlyList<(string Kind, string Answer, int Count)> Tally =>
        [.. Requests.GroupBy(r => (r.Kind, r.Answer)).OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Answer, StringComparer.Ordinal)
            .Select(g => (g.Key.Kind, g.Key.Answer, g.Count()))];

    /// <summary>The ids of the accepted calculations, in order of acceptance.</summary>
    public IReadOnlyList<Guid> Accepted => [.. Calculations.Select(c => c.Latest.Id)];

    /// <summary>Answers that were not 2xx (no answer included), accepted calculations that ended failed or cancelled, and overdue ones.</summary>
    public int Errors => Requests.Count(r => !r.Succeeded) + Calculations.Count(c => c.Failed) + Overdue.Count;

    /// <summary>Answers with this label over every kind.</summary>
    public int Answers(string answer) => Requests.Count(r => r.Answer == answer);

    /// <summary>The request kinds recorded, in order.</summary>
    public IReadOnlyList<string> Kinds => [.. Requests.Select(r => r.Kind).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The nearest-rank percentile of the latencies in ms, of one kind or of all; 0 with none.</summary>
    public double Percentile(double p, string? kind = null)
    {
        var sorted = Latencies(kind).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The longest latency in ms; 0 with none.</summary>
    public double Max(string? kind = null) => Latencies(kind).DefaultIfEmpty(0).Max();

    /// <summary>Requests of one kind (or all) per measured second.</summary>
    public double Rate(string? kind = null) => Measured > TimeSpan.Zero ? Latencies(kind).Count() / Measured.TotalSeconds : 0;

    private IEnumerable<double> Latencies(string? kind) => Requests.Where(r => kind is null || r.Kind == kind).Select(r => r.LatencyMs);
}
