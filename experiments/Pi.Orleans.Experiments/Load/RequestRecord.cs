namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// One request the load sent: its kind ("submit single", "read"), when it started (seconds since the run began), its latency,
/// its answer ("202", "429+Retry-After", "no answer"), and the calculation it named, if any.
/// </summary>
public sealed record RequestRecord(string Kind, double StartS, double LatencyMs, string Answer, Guid? CalculationId)
{
    /// <summary>The answer of a request that got none (connection refused, timeout).</summary>
    public const string NoAnswer = "no answer";

    /// <summary>Whether the answer was a 2xx.</summary>
    public bool Succeeded => Answer.Length == 3 && Answer[0] == '2';
}
