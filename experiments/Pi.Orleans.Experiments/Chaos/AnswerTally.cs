using System.Collections.Concurrent;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>Every answer the load got, by request kind and status code ("503+Retry-After" apart from a bare 503; "no answer" for none).</summary>
public sealed class AnswerTally
{
    private readonly ConcurrentDictionary<(string Request, string Answer), int> _counts = new();

    public void Add(string request, HttpResponseMessage response)
    {
        var code = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var retryAfter = response.Headers.RetryAfter is not null ? "+Retry-After" : "";
        Add(request, (int)response.StatusCode is 503 or 429 ? code + retryAfter : code);
    }

    public void Add(string request, string answer) => _counts.AddOrUpdate((request, answer), 1, (_, n) => n + 1);

    /// <summary>Counts, ordered by request and answer.</summary>
    public IReadOnlyList<(string Request, string Answer, int Count)> Rows =>
        [.. _counts.OrderBy(c => c.Key.Request, StringComparer.Ordinal).ThenBy(c => c.Key.Answer, StringComparer.Ordinal).Select(c => (c.Key.Request, c.Key.Answer, c.Value))];

    /// <summary>Answers of a given status code over all requests (e.g. "500").</summary>
    public int Count(Func<string, bool> answer) => _counts.Where(c => answer(c.Key.Answer)).Sum(c => c.Value);
}
