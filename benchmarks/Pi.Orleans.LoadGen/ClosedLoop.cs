using System.Diagnostics;
using System.Text.Json;
using Pi.Orleans.Client;

namespace Pi.Orleans.LoadGen;

/// <summary>Sends POST /api/calculate from a fixed number of clients, each waiting for its answer before the next request.</summary>
internal sealed class ClosedLoop(PiApiClient api, long points, string mode)
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
            var calculation = await api.SubmitAsync(points, mode, (ulong)i + 1);
            return calculation.Status is "failed" or "cancelled" ? $"status {calculation.Status}" : null;
        }
        catch (ApiException ex)
        {
            return $"HTTP {ex.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }
}
