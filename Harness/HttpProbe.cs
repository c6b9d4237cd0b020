namespace Pi.Orleans.Harness;

/// <summary>One GET of a readiness path: true for 2xx, false while nothing listens or the answer is slow.</summary>
public static class HttpProbe
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(5);

    public static async Task<bool> IsReadyAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(AnswerWithin);
        try
        {
            using var response = await http.GetAsync(path, bounded.Token);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A slow answer on a busy machine: ask again.
            return false;
        }
    }
}
