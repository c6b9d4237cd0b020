using System.Globalization;
using Pi.Orleans.Client;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Cli.Experiments.Local;

/// <summary>
/// redis-server, the Api and worker Silo processes on loopback (the approach of benchmarks/e2e/cluster.sh): Release dlls, free ports,
/// one Redis cluster id per run, and `Pi:Slots=1` per worker so that one worker is about one core.
/// </summary>
public sealed class LocalCluster(HostBinaries hosts, LocalExperimentOptions options, string logDirectory) : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly string _clusterId = "pi-exp-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _apiKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    private readonly List<HostProcess> _workers = [];
    private HostProcess? _redis;
    private HostProcess? _api;
    private int _redisPort;
    private int _nextWorker = 1;

    /// <summary>A client for the Api (valid after <see cref="StartAsync"/>).</summary>
    public PiApiClient Api { get; private set; } = null!;

    /// <summary>The worker processes that have not been stopped.</summary>
    public IReadOnlyList<HostProcess> Workers
    {
        get
        {
            lock (_workers)
            {
                return [.. _workers.Where(w => !w.HasExited)];
            }
        }
    }

    /// <summary>Starts redis-server, the Api and <paramref name="workers"/> workers and waits until the Api lists them all.</summary>
    public async Task StartAsync(int workers, CancellationToken cancellationToken)
    {
        if (!OnPath("redis-server"))
        {
            throw new ExperimentException("redis-server is not installed (or not on PATH). Install it: sudo apt-get install -y redis-server");
        }

        _redisPort = FreePort.Next();
        var redisDir = Directory.CreateDirectory(Path.Combine(logDirectory, "redis")).FullName;
        _redis = HostProcess.StartProgram("redis-server", "redis-server",
            ["--port", _redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDir],
            new Dictionary<string, string>(), Path.Combine(logDirectory, "redis.log"));
        await WaitRedisAsync(cancellationToken);

        var apiPort = FreePort.Next();
        _api = StartHost("api", hosts.ApiDll, apiPort, "front", isWorker: false);
        Api = PiApiClient.Create($"http://127.0.0.1:{apiPort}", TimeSpan.FromSeconds(30), _apiKey);
        var started = Enumerable.Range(0, workers).Select(_ => StartWorker()).ToList();
        await Task.WhenAll(started.Select(w => w.WaitReadyAsync(ReadyTimeout, cancellationToken)).Append(_api.WaitReadyAsync(ReadyTimeout, cancellationToken)));
        await WaitActiveWorkersAsync(workers, cancellationToken);
    }

    /// <summary>Whether `taskset` is on PATH, so that <see cref="StartWorker"/> can bind a worker to one CPU.</summary>
    public static bool CanPinWorkers { get; } = OnPath("taskset");

    /// <summary>
    /// Starts the next worker process (worker-1, worker-2, …) without waiting for it; with <paramref name="cpu"/> and
    /// <see cref="CanPinWorkers"/>, under `taskset -c cpu` so that it runs on that CPU only.
    /// </summary>
    public HostProcess StartWorker(int? cpu = null)
    {
        lock (_workers)
        {
            var worker = StartHost($"worker-{_nextWorker++}", hosts.SiloDll, FreePort.Next(), null, isWorker: true, CanPinWorkers ? cpu : null);
            _workers.Add(worker);
            return worker;
        }
    }

    /// <summary>Stops a worker gracefully (SIGTERM); returns how long its exit took.</summary>
    public Task<TimeSpan> StopWorkerAsync(HostProcess worker) => worker.StopAsync(TimeSpan.FromSeconds(30));

    /// <summary>Waits until /api/cluster lists exactly <paramref name="count"/> chunk-running silos.</summary>
    public Task WaitActiveWorkersAsync(int count, CancellationToken cancellationToken) =>
        ListedWorkers.WaitAsync(ListedWorkersAsync, count, ReadyTimeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var w in _workers)
        {
            await w.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        Api?.Dispose();
    }

    private async Task<int?> ListedWorkersAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await Api.ClusterAsync(cancellationToken)).Silos.Count(s => s.RunsChunks);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The Api is busy or restarting its view; ask again.
            return null;
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, program)));

    private HostProcess StartHost(string name, string dll, int httpPort, string? siloName, bool isWorker, int? cpu = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["ConnectionStrings__Redis"] = $"127.0.0.1:{_redisPort}",
            ["Cluster__ClusterId"] = _clusterId,
            ["Cluster__SiloName"] = siloName ?? name,
            ["Cluster__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Scaling__SlotsPerWorker"] = "1",
            ["Auth__ApiKeys__0"] = _apiKey,
            ["Scaling__MaxWorkers"] = Math.Max(options.Workers, 1).ToString(CultureInfo.InvariantCulture),
        };
        if (isWorker)
        {
            environment["Pi__Slots"] = "1";
        }

        if (options.ChunkPoints is { } chunk)
        {
            environment["Pi__ChunkPoints"] = chunk.ToString(CultureInfo.InvariantCulture);
        }

        string[] command = ["dotnet", dll, "--urls", $"http://127.0.0.1:{httpPort}"];
        if (cpu is { } core)
        {
            // taskset execs the host, so the process id (and its CPU time) stays the host's.
            command = ["taskset", "-c", core.ToString(CultureInfo.InvariantCulture), .. command];
        }

        return HostProcess.StartProgram(name, command[0], command[1..], environment, Path.Combine(logDirectory, name + ".log"), httpPort);
    }

    private Task WaitRedisAsync(CancellationToken cancellationToken) => RedisPing.WaitAsync("127.0.0.1", _redisPort, _redis!, cancellationToken);
}
