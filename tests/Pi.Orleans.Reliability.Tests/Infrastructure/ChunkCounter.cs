using Pi.Orleans.Contracts;

namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>
/// Counts the chunks the worker silos compute while it runs, from the chunks_completed of GET /api/cluster read every 100 ms.
/// That counter is per silo process (address with generation), so the count is the sum over processes of the highest value
/// seen less the value at the start (0 for a process that joined later). Chunks a process finishes after it left the list
/// (while shutting down, or killed) are not seen.
/// </summary>
public sealed class ChunkCounter : IAsyncDisposable
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(100);
    private readonly PiClient _client;
    private readonly Dictionary<string, long> _baseline;
    private readonly Dictionary<string, (string Name, long Highest)> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private ChunkCounter(PiClient client, ClusterInfo start, bool fromZero)
    {
        _client = client;
        _baseline = fromZero ? [] : start.Silos.ToDictionary(s => s.Address, s => s.ChunksCompleted);
        Observe(start);
        _reading = ReadAsync();
    }

    /// <summary>Starts counting from the silos' counters now, reading the Api at <paramref name="api"/>.</summary>
    public static Task<ChunkCounter> StartAsync(Func<Uri> api, CancellationToken cancellationToken) =>
        StartAsync(api, fromZero: false, cancellationToken);

    /// <summary>Starts counting every chunk the current silo processes computed since they started (for processes the test just started).</summary>
    public static Task<ChunkCounter> StartFromZeroAsync(Func<Uri> api, CancellationToken cancellationToken) =>
        StartAsync(api, fromZero: true, cancellationToken);

    /// <summary>Chunks computed since the start, per silo process (name and address).</summary>
    public IReadOnlyDictionary<string, long> PerSilo
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToDictionary(s => $"{s.Value.Name}@{s.Key}", s => s.Value.Highest - _baseline.GetValueOrDefault(s.Key));
            }
        }
    }

    /// <summary>Chunks computed since the start, over all silo processes.</summary>
    public long Total => PerSilo.Values.Sum();

    /// <summary>Reads once more (so the last chunks of the silos still running are in) and stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (await _client.TryGetClusterAsync(cancellationToken) is { } cluster)
        {
            Observe(cluster);
        }

        await _stop.CancelAsync();
        await _reading;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
        _client.Dispose();
    }

    private static async Task<ChunkCounter> StartAsync(Func<Uri> api, bool fromZero, CancellationToken cancellationToken)
    {
        var client = new PiClient(api);
        var cluster = await Eventually.ReachesAsync(client.TryGetClusterAsync, _ => true, Workload.Bound, _ => "an answer of GET /api/cluster", cancellationToken, ReadEvery);
        return new ChunkCounter(client, cluster, fromZero);
    }

    private async Task ReadAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(ReadEvery, _stop.Token);
                if (await _client.TryGetClusterAsync(_stop.Token) is { } cluster)
                {
                    Observe(cluster);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Observe(ClusterInfo cluster)
    {
        lock (_seen)
        {
            foreach (var silo in cluster.Silos.Where(s => s.RunsChunks))
            {
                var highest = _seen.TryGetValue(silo.Address, out var known) ? Math.Max(known.Highest, silo.ChunksCompleted) : silo.ChunksCompleted;
                _seen[silo.Address] = (silo.Name, highest);
            }
        }
    }
}
