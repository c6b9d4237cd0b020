using System.Diagnostics;
using System.Text.Json;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.LoadMix;

/// <summary>
/// One client, closed loop: submits a small distributed calculation, reads its status until it ends, submits a small single
/// calculation (the answer waits for the result), pauses, and again. Requests are bounded by the client's timeout, not by
/// the stop signal, so a run ends without cutting requests short.
/// </summary>
internal sealed class LoadClient(PiApiClient api, LoadOptions options, Recorder recorder)
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

    private async Task<Guid?> SubmitAsync(string operation, long points, string mode) =>
        (await SendAsync(operation, () => api.SubmitAsync(points, mode, (ulong)Random.Shared.NextInt64(1, 1L << 52))))?.Id;

    private async Task ReadUntilFinishedAsync(Guid id, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < FinishWithin)
        {
            await Task.Delay(options.PollEvery, stop);
            if (await SendAsync("read-status", () => api.GetAsync(id)) is not { IsFinished: false })
            {
                return;
            }
        }

        recorder.Error($"still running after {FinishWithin.TotalSeconds:F0} s");
    }

    // One request: its latency, and an error unless it answered 2xx with a calculation that did not fail.
    private async Task<Calculation?> SendAsync(string operation, Func<Task<Calculation>> send)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var calculation = await send();
            recorder.Latency(operation, Stopwatch.GetElapsedTime(start));
            if (calculation.Status is "failed" or "cancelled")
            {
                recorder.Error($"{operation} status {calculation.Status}");
            }

            return calculation;
        }
        catch (ApiException ex)
        {
            recorder.Latency(operation, Stopwatch.GetElapsedTime(start));
            recorder.Error($"{operation} HTTP {ex.StatusCode}");
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
        {
            recorder.Latency(operation, Stopwatch.GetElapsedTime(start));
            recorder.Error($"{operation} {ex.GetType().Name}");
            return null;
        }
    }
}
