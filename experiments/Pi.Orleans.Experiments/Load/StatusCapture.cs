namespace Pi.Orleans.Experiments.Load;

/// <summary>
/// Hands the status code of each answer back to the caller: <see cref="Client.PiApiClient"/> turns a success into a calculation and
/// a failure into an exception, and neither says whether it was 200 or 202, or whether a 429 carried Retry-After.
/// The caller puts a fresh <see cref="Answer"/> in <see cref="Current"/>; the value flows down to this handler, which fills it.
/// </summary>
internal sealed class StatusCapture(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static readonly AsyncLocal<Answer?> Current = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Current.Value is { } answer)
        {
            answer.StatusCode = (int)response.StatusCode;
            answer.RetryAfter = response.Headers.RetryAfter is not null;
        }

        return response;
    }

    /// <summary>The answer to one request, once it came.</summary>
    internal sealed class Answer
    {
        public int? StatusCode { get; set; }

        public bool RetryAfter { get; set; }

        /// <summary>"202", "429+Retry-After" (429 and 503 only), or "no answer".</summary>
        public string Label => StatusCode switch
        {
            null => RequestRecord.NoAnswer,
            429 or 503 when RetryAfter => $"{StatusCode}+Retry-After",
            var code => code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
