using Pi.Orleans.Contracts;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Reliability.Tests.Infrastructure;

/// <summary>
/// redis-server (AOF on), the Api and three worker Silo processes on loopback, each restartable on the same Orleans ports,
/// shared by the reliability tests; every test starts with <see cref="EnsureHealthyAsync"/> and leaves the cluster whole.
/// </summary>
public sealed class PiCluster : IAsyncLifetime
{
    /// <summary>Points per chunk (2^25): chunks take tens of milliseconds, so a calculation is a few seconds of many chunks.</summary>
    public const long ChunkPoints = 1L << 25;

    /// <summary>Chunk slots of each worker.</summary>
    public const int SlotsPerWorker = 2;

    /// <summary>Chunk calls in flight per slot (the product default).</summary>
    public const int InFlightPerSlot = 2;

    /// <summary>Workers in the cluster.</summary>
    public const int WorkerCount = 3;

    /// <summary>Chunk calls a calculation keeps in flight over the three workers.</summary>
    public const int InFlightWindow = WorkerCount * SlotsPerWorker * InFlightPerSlot;

    /// <summary>The state write interval of a running calculation (the product default).</summary>
    public static readonly TimeSpan PersistInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long /health/ready answers 503 after SIGTERM before Orleans stops.</summary>
    public static readonly TimeSpan ReadinessDelay = TimeSpan.FromSeconds(1);

    /// <summary>A chunk attempt stuck on a dead silo is retried after this long.</summary>
    public static readonly TimeSpan ChunkTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(90);
    private readonly SemaphoreSlim _referenceOnce = new(1, 1);
    private LocalCluster _cluster = null!;
    private ReferenceRun? _reference;

    /// <summary>The redis-server all silos share.</summary>
    public RedisServer Redis => _cluster.Redis;

    /// <summary>The front silo with the HTTP API.</summary>
    public LocalMember Api => _cluster.Api;

    /// <summary>worker-1, worker-2 and worker-3.</summary>
    public IReadOnlyList<LocalMember> Workers => _cluster.Workers;

    /// <summary>A client for the Api, wherever it listens now.</summary>
    public PiClient Client { get; private set; } = null!;

    /// <summary>The Api's address now.</summary>
    public Uri ApiAddress => _cluster.ApiAddress;

    private IEnumerable<LocalMember> Members => Workers.Append(Api);

    public async ValueTask InitializeAsync()
    {
        _cluster = await LocalCluster.StartAsync(new LocalClusterOptions
        {
            ApiDll = RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"),
            SiloDll = RepositoryPaths.HostDll("Silo", "Pi.Orleans.Silo"),
            Workers = WorkerCount,
            ClusterId = "reliability-" + Guid.NewGuid().ToString("N")[..8],
            ApiKey = PiClient.ApiKey,
            RedisAppendOnly = true,
            ReadyTimeout = JoinTimeout,
            Environment = Settings,
        }, TestContext.Current.CancellationToken);
        Client = new PiClient(() => ApiAddress);
        await EnsureHealthyAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Starts every process that is not running, then waits until each is ready and the Api sees exactly the three workers, active.</summary>
    public async Task EnsureHealthyAsync(CancellationToken cancellationToken)
    {
        foreach (var member in Members.Where(m => !m.IsRunning))
        {
            await member.StartAsync();
        }

        await Task.WhenAll(Members.Select(m => m.WaitReadyAsync(cancellationToken)));
        var expected = Workers.Select(w => w.Name).ToList();
        await Eventually.ReachesAsync(
            Client.TryGetClusterAsync,
            cluster => WorkerNames(cluster).SequenceEqual(expected),
            JoinTimeout,
            cluster => $"the Api sees exactly the three workers: [{string.Join(", ", WorkerNames(cluster))}]\n{Output()}",
            cancellationToken,
            TimeSpan.FromMilliseconds(200));
    }

    /// <summary>
    /// The undisturbed run of the workload on this cluster, made once by the first test that asks: a calibration run of
    /// <see cref="Workload.MinChunks"/> chunks measures the rate, then the reference runs the chunks of <see cref="Workload.TargetDuration"/>.
    /// </summary>
    public async Task<ReferenceRun> ReferenceAsync(CancellationToken cancellationToken)
    {
        await _referenceOnce.WaitAsync(cancellationToken);
        try
        {
            if (_reference is null)
            {
                var calibration = await RunUndisturbedAsync(Workload.MinChunks * ChunkPoints, Workload.Seed + 1, cancellationToken);
                var chunks = (int)Math.Clamp(calibration.ChunksPerSecond * Workload.TargetDuration.TotalSeconds, Workload.MinChunks, Workload.MaxChunks);
                _reference = await RunUndisturbedAsync(chunks * ChunkPoints, Workload.Seed, cancellationToken);
                Measured.Report($"reference: {_reference.Points} points ({_reference.ChunksTotal} chunks, sized from {calibration.ChunksPerSecond:F0} chunks/s), seed {Workload.Seed}, inside {_reference.Inside}, {_reference.Duration.TotalSeconds:F2} s undisturbed ({_reference.ChunksPerSecond:F0} chunks/s)");
            }

            return _reference;
        }
        finally
        {
            _referenceOnce.Release();
        }
    }

    /// <summary>The last output lines of every process, for failure messages.</summary>
    public string Output() => _cluster.Output();

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        _referenceOnce.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private async Task<ReferenceRun> RunUndisturbedAsync(long points, ulong seed, CancellationToken cancellationToken)
    {
        var accepted = await Client.SubmitAsync(points, seed, cancellationToken);
        var done = await Client.WaitFinishedAsync(accepted.Id, Workload.Bound, cancellationToken);
        Assert.True(done.Status == "completed" && done.ChunkRetries == 0, $"the undisturbed run ended {done}");
        return new ReferenceRun(points, done.ResultInside!.Value, done.ChunksTotal, TimeSpan.FromMilliseconds(done.DurationMs!.Value));
    }

    private static Dictionary<string, string> Settings => new()
    {
        ["Pi__Slots"] = SlotsPerWorker.ToString(),
        ["Pi__InFlightPerSlot"] = InFlightPerSlot.ToString(),
        ["Pi__ChunkPoints"] = ChunkPoints.ToString(),
        ["Pi__ChunkDuration"] = "00:00:00",
        ["Pi__PersistInterval"] = PersistInterval.ToString("c"),
        ["Pi__ChunkTimeout"] = ChunkTimeout.ToString("c"),
        ["Shutdown__ReadinessDelay"] = ReadinessDelay.ToString("c"),
        ["Dashboard__Enabled"] = "false",
        // Warnings and the service's own lines only, so the output kept for failure messages shows what went wrong.
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Pi"] = "Information",
        ["Logging__LogLevel__Orleans.Runtime.Catalog"] = "Information",
    };

    private static IEnumerable<string> WorkerNames(ClusterInfo? cluster) =>
        (cluster?.Silos ?? []).Where(s => s.RunsChunks).Select(s => s.Name).Order(StringComparer.Ordinal);
}
