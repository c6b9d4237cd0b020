using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>
/// Calls the Api wherever it listens now (it moves to a new HTTP port when restarted). Reads tolerate the Api or a grain being
/// briefly unreachable while a fault is repaired: they count the failure and try again, within the caller's bound.
/// </summary>
public sealed class PiClient(Func<Uri> apiAddress) : IDisposable
{
    /// <summary>The API key every request carries (harmless where auth is off).</summary>
    public const string ApiKey = "test-key";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private int _failedReads;

    /// <summary>Reads that failed (no answer, 5xx) since this client was made.</summary>
    public int FailedReads => Volatile.Read(ref _failedReads);

    /// <summary>Submits a distributed calculation and returns it as accepted (202).</summary>
    public async Task<CalculationJson> SubmitAsync(long points, ulong seed, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(apiAddress(), "/api/calculate"))
        {
            Content = JsonContent.Create(new { total_points = points, mode = "distributed", seed }),
        };
        request.Headers.Add("X-Api-Key", ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var response = await _http.SendAsync(request, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"submit answered {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<CalculationJson>(body, CalculationJson.Options)!;
    }

    /// <summary>Reads a calculation; null when the Api did not answer or answered 5xx (counted in <see cref="FailedReads"/>).</summary>
    public Task<CalculationJson?> TryGetAsync(Guid id, CancellationToken cancellationToken) =>
        TryReadAsync<CalculationJson>($"/api/calculate/{id}", cancellationToken);

    /// <summary>Reads the active silos; null when the Api did not answer.</summary>
    public Task<ClusterJson?> TryGetClusterAsync(CancellationToken cancellationToken) =>
        TryReadAsync<ClusterJson>("/api/cluster", cancellationToken);

    /// <summary>Reads the calculation until <paramref name="done"/> holds; fails with the last answer after <paramref name="timeout"/>.</summary>
    public async Task<CalculationJson> WaitUntilAsync(Guid id, Func<CalculationJson, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        CalculationJson? last = null;
        while (clock.Elapsed < timeout)
        {
            last = await TryGetAsync(id, cancellationToken) ?? last;
            if (last is not null && done(last))
            {
                return last;
            }

            await Task.Delay(PollEvery, cancellationToken);
        }

        throw new TimeoutException($"calculation {id} did not get there within {timeout}; last seen: {last}");
    }

    /// <summary>
    /// Reads the calculation until at least <paramref name="fraction"/> of its chunks are done (or it ended), and measures how
    /// many chunks per second it finished over the last second or so before that.
    /// </summary>
    public async Task<(CalculationJson Calculation, double ChunksPerSecond)> WaitForProgressAsync(
        Guid id, double fraction, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var samples = new Queue<(TimeSpan At, int Done)>();
        var calculation = await WaitUntilAsync(id, c =>
        {
            samples.Enqueue((clock.Elapsed, c.ChunksDone));
            while (samples.Count > 2 && clock.Elapsed - samples.Peek().At > TimeSpan.FromSeconds(1.5))
            {
                samples.Dequeue();
            }

            return c.Progress >= fraction || !c.IsActive;
        }, timeout, cancellationToken);
        var (firstAt, firstDone) = samples.Peek();
        var span = clock.Elapsed - firstAt;
        return (calculation, span > TimeSpan.FromMilliseconds(200) ? (calculation.ChunksDone - firstDone) / span.TotalSeconds : 0);
    }

    /// <summary>Reads the calculation until it is no longer pending or running, within <paramref name="timeout"/>.</summary>
    public Task<CalculationJson> WaitFinishedAsync(Guid id, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(id, c => !c.IsActive, timeout, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<T?> TryReadAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await _http.GetAsync(new Uri(apiAddress(), path), timeout.Token);
            if ((int)response.StatusCode >= 500)
            {
                Interlocked.Increment(ref _failedReads);
                return null;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<T>(CalculationJson.Options, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException { StatusCode: null } or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failedReads);
            return null;
        }
    }
}
