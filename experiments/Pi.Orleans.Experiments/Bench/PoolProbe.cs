using System.Diagnostics;
using System.Globalization;

namespace Pi.Orleans.Experiments.Bench;

/// <summary>
/// Reads a silo's /metrics and /health/live every half second while a load runs: the thread pool's queue length and thread
/// count (the runtime's meter), and how long each answer took. Both are served by the silo's thread pool, so a starved pool
/// shows as slow answers even between the stall warnings Orleans logs.
/// </summary>
public sealed class PoolProbe(Uri silo)
{
    /// <summary>The runtime's thread-pool queue length on /metrics.</summary>
    public const string QueueLength = "dotnet_thread_pool_queue_length_total";

    /// <summary>The runtime's thread-pool thread count on /metrics.</summary>
    public const string ThreadCount = "dotnet_thread_pool_thread_count_total";

    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);
    private readonly List<double> _answerMs = [];
    private double _maxQueue;
    private double _maxThreads;
    private int _failed;

    /// <summary>Probes until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var clock = Stopwatch.StartNew();
                var metrics = await http.GetStringAsync(new Uri(silo, "/metrics"), cancellationToken);
                _answerMs.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                (await http.GetAsync(new Uri(silo, "/health/live"), cancellationToken)).Dispose();
                _answerMs.Add(clock.Elapsed.TotalMilliseconds);
                _maxQueue = Math.Max(_maxQueue, PrometheusText.Sum(metrics, QueueLength) ?? 0);
                _maxThreads = Math.Max(_maxThreads, PrometheusText.Sum(metrics, ThreadCount) ?? 0);
                await Task.Delay(Every, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A timed-out probe (10 s) counts as failed: a silo that stalls that long is what this looks for.
                _failed++;
            }
        }
    }

    /// <summary>"answers N, p50/p99/max ms, failed; pool queue max, threads max" for the report.</summary>
    public string Summary()
    {
        var sorted = _answerMs.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"answers={sorted.Length} p50_ms={At(0.5):F1} p99_ms={At(0.99):F1} max_ms={At(1):F1} failed={_failed} pool_queue_max={_maxQueue:F0} pool_threads_max={_maxThreads:F0}");
    }

    /// <summary>The slowest answer in milliseconds.</summary>
    public double MaxMs => _answerMs.Count == 0 ? double.NaN : _answerMs.Max();

    /// <summary>The longest thread-pool queue seen.</summary>
    public double MaxQueue => _maxQueue;
}
