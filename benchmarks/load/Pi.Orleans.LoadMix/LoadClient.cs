using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pi.Orleans.LoadMix;

/// <summary>
/// One client, closed loop: submits a small distributed calculation, reads its status until it ends, submits a small single
/// calculation (the answer waits for the result), pauses, and again. Requests are bounded by the client's timeout, not by
/// the stop signal, so a run ends without cutting requests short.
/// </summary>
internal sealed class LoadClient(HttpClient http, LoadOptions options, Recorder recorder)
{
    private static readonly TimeSpan FinishWithin = TimeSpan.FromSeconds(120);

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1000)), stop);
            while (!stop.IsCancellationRequested)
            {
                if (await SubmitAsync("submit-distributed", options.DistributedPoints, "distributed") is { } id)
                {
                    await ReadUntilFinishedAsync(id, stop);
                }

                await SubmitAsync("submit-single", options.SinglePoints, "single");
                await Task.Delay(options.ThinkTime, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private async Task<string?> SubmitAsync(string operation, long points, string mode)
    {
        var body = new { total_points = points, mode, seed = Random.Shared.NextInt64(1, 1L << 52) };
        var calculation = await SendAsync(operation, () => http.PostAsJsonAsync("/api/calculate", body));
        return calculation?.GetProperty("id").GetString();
    }

    private async Task ReadUntilFinishedAsync(string id, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < FinishWithin)
        {
            await Task.Delay(options.PollEvery, stop);
            var calculation = await SendAsync("read-status", () => http.GetAsync($"/api/calculate/{id}"));
            if (calculation is not { } found || found.GetProperty("status").GetString() is not ("pending" or "running"))
            {
                return;
            }
        }

        recorder.Error($"still running after {FinishWithin.TotalSeconds:F0} s");
    }

    // One request: its latency, and an error unless it answered 2xx with a calculation that did not fail.
    private async Task<JsonElement?> SendAsync(string operation, Func<Task<HttpResponseMessage>> send)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send();
            var text = await response.Content.ReadAsStringAsync();
            recorder.Latency(operation, Stopwatch.GetElapsedTime(start));
            if (!response.IsSuccessStatusCode)
            {
                recorder.Error($"{operation} HTTP {(int)response.StatusCode}");
                return null;
            }

            var calculation = JsonDocument.Parse(text).RootElement.Clone();
            if (calculation.GetProperty("status").GetString() is "failed" or "cancelled")
            {
                recorder.Error($"{operation} status {calculation.GetProperty("status").GetString()}");
            }

            return calculation;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
        {
            recorder.Latency(operation, Stopwatch.GetElapsedTime(start));
            recorder.Error($"{operation} {ex.GetType().Name}");
            return null;
        }
    }
}
