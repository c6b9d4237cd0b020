using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pi.Orleans.LoadGen;

/// <summary>Sends POST /api/calculate from a fixed number of clients, each waiting for its answer before the next request.</summary>
internal sealed class ClosedLoop(HttpClient client, long points, string mode)
{
    public async Task<LoadResult> RunAsync(int requests, int concurrency)
    {
        var latencies = new double[requests];
        var next = -1;
        var errors = 0;
        var firstError = (string?)null;
        var wall = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                var start = Stopwatch.GetTimestamp();
                var error = await SendAsync(i);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        });
        await Task.WhenAll(clients);
        return new LoadResult(latencies, errors, firstError, wall.Elapsed);
    }

    // A request succeeds when it answers 200 (single) or 202 (distributed) with a calculation that did not fail.
    private async Task<string?> SendAsync(int i)
    {
        try
        {
            using var response = await client.PostAsJsonAsync("/api/calculate", new { total_points = points, mode, seed = i + 1 });
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            var status = body.RootElement.GetProperty("status").GetString();
            return status is "failed" or "cancelled" ? $"status {status}" : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }
}
