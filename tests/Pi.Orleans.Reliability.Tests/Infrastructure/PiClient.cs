using Pi.Orleans.Client;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>
/// The typed client, pointed at the Api wherever it listens now. Reads tolerate the Api or a grain being briefly unreachable
/// while a fault is repaired: they count the failure and try again, within the caller's bound.
/// </summary>
public sealed class PiClient : IDisposable
{
    /// <summary>The API key every request carries (harmless where auth is off).</summary>
    public const string ApiKey = "test-key";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);
    private readonly PiApiClient _api;
    private int _failedReads;

    public PiClient(Func<Uri> apiAddress)
    {
        var http = new HttpClient(new CurrentAddressHandler(apiAddress)) { BaseAddress = new Uri("http://api.invalid/"), Timeout = RequestTimeout };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        _api = new PiApiClient(http);
    }

    /// <summary>Reads that failed (no answer, 5xx) since this client was made.</summary>
    public int FailedReads => Volatile.Read(ref _failedReads);

    /// <summary>Submits a distributed calculation and returns it as accepted.</summary>
    public Task<Calculation> SubmitAsync(long points, ulong seed, CancellationToken cancellationToken) =>
        _api.SubmitAsync(points, "distributed", seed, cancellationToken);

    /// <summary>Reads a calculation; null when the Api did not answer or answered 5xx (counted in <see cref="FailedReads"/>).</summary>
    public Task<Calculation?> TryGetAsync(Guid id, CancellationToken cancellationToken) =>
        TryReadAsync(token => _api.GetAsync(id, token), cancellationToken);

    /// <summary>Reads the active silos; null when the Api did not answer.</summary>
    public Task<ClusterInfo?> TryGetClusterAsync(CancellationToken cancellationToken) =>
        TryReadAsync(_api.ClusterAsync, cancellationToken);

    /// <summary>Reads the calculation until <paramref name="done"/> holds; fails with the last answer after <paramref name="timeout"/>.</summary>
    public Task<Calculation> WaitUntilAsync(Guid id, Func<Calculation, bool> done, TimeSpan timeout, CancellationToken cancellationToken) =>
        Eventually.ReachesAsync(token => TryGetAsync(id, token), done, timeout, last => $"calculation {id}; last seen: {last}", cancellationToken, PollEvery);

    /// <summary>
    /// Reads the calculation until at least <paramref name="fraction"/> of it is done (or it ended), and measures how many chunks
    /// per second it finished over the last second or so before that.
    /// </summary>
    public async Task<(Calculation Calculation, double ChunksPerSecond)> WaitForProgressAsync(
        Guid id, double fraction, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var samples = new Queue<(TimeSpan At, int Done)>();
        var calculation = await WaitUntilAsync(id, c =>
        {
            samples.Enqueue((clock.Elapsed, c.ChunksDone));
            while (samples.Count > 2 && clock.Elapsed - samples.Peek().At > TimeSpan.FromSeconds(1.5))
            {
                samples.Dequeue();
            }

            return c.Progress >= fraction || c.IsFinished;
        }, timeout, cancellationToken);
        var (firstAt, firstDone) = samples.Peek();
        var span = clock.Elapsed - firstAt;
        return (calculation, span > TimeSpan.FromMilliseconds(200) ? (calculation.ChunksDone - firstDone) / span.TotalSeconds : 0);
    }

    /// <summary>Reads the calculation until it is no longer pending or running, within <paramref name="timeout"/>.</summary>
    public Task<Calculation> WaitFinishedAsync(Guid id, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(id, c => c.IsFinished, timeout, cancellationToken);

    public void Dispose() => _api.Dispose();

    private async Task<T?> TryReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await read(cancellationToken);
        }
        catch (Exception ex) when (ex is ApiException { StatusCode: >= 500 } or HttpRequestException { StatusCode: null } or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failedReads);
            return null;
        }
    }
}
