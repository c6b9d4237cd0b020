using System.Globalization;
using Pi.Orleans.Client;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Local;

/// <summary>
/// The harness's <see cref="LocalCluster"/> as the experiments use it: Release dlls, one Redis cluster id per run, quiet logs,
/// `Pi:Slots=1` per worker so that one worker is about one core, and workers pinned to a CPU where `taskset` is there.
/// </summary>
public sealed class ExperimentCluster(HostBinaries hosts, LocalExperimentOptions options, string logDirectory) : IAsyncDisposable
{
    private LocalCluster? _cluster;

    /// <summary>A client for the Api (valid after <see cref="StartAsync"/>).</summary>
    public PiApiClient Api => _cluster!.Client;

    /// <summary>The Api's base address and key, for a load generator of its own (valid after <see cref="StartAsync"/>).</summary>
    public Uri ApiAddress => _cluster!.ApiAddress;

    /// <summary>The key the Api requires (X-Api-Key).</summary>
    public string ApiKey => _cluster!.ApiKey;

    /// <summary>The worker processes that have not been stopped.</summary>
    public IReadOnlyList<HostProcess> Workers => [.. _cluster!.Workers.Where(w => w.IsRunning).Select(w => w.Process)];

    /// <summary>Whether `taskset` is on PATH, so that <see cref="StartWorker"/> can bind a worker to one CPU.</summary>
    public static bool CanPinWorkers { get; } = OnPath("taskset");

    /// <summary>Starts redis-server, the Api and <paramref name="workers"/> workers and waits until the Api lists them all.</summary>
    public async Task StartAsync(int workers, CancellationToken cancellationToken)
    {
        if (!OnPath("redis-server"))
        {
            throw new ExperimentException("redis-server is not installed (or not on PATH). Install it: sudo apt-get install -y redis-server");
        }

        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Scaling__SlotsPerWorker"] = "1",
            ["Scaling__MaxWorkers"] = Math.Max(options.Workers, 1).ToString(CultureInfo.InvariantCulture),
        };
        if (options.ChunkPoints is { } chunk)
        {
            environment["Pi__ChunkPoints"] = chunk.ToString(CultureInfo.InvariantCulture);
        }

        _cluster = await LocalCluster.StartAsync(new LocalClusterOptions
        {
            ApiDll = hosts.ApiDll,
            SiloDll = hosts.SiloDll,
            Workers = workers,
            ClusterId = "pi-exp-" + Guid.NewGuid().ToString("N")[..8],
            LogDirectory = logDirectory,
            Environment = environment,
            WorkerEnvironment = new Dictionary<string, string> { ["Pi__Slots"] = "1" },
        }, cancellationToken);
    }

    /// <summary>
    /// Starts the next worker process (worker-1, worker-2, …) without waiting for it; with <paramref name="cpu"/> and
    /// <see cref="CanPinWorkers"/>, under `taskset -c cpu` so that it runs on that CPU only.
    /// </summary>
    public HostProcess StartWorker(int? cpu = null) =>
        // taskset execs the host, so the process id (and its CPU time) stays the host's.
        _cluster!.AddWorker(CanPinWorkers && cpu is { } core ? ["taskset", "-c", core.ToString(CultureInfo.InvariantCulture)] : null).Process;

    /// <summary>Stops a worker gracefully (SIGTERM); returns how long its exit took.</summary>
    public Task<TimeSpan> StopWorkerAsync(HostProcess worker) => worker.StopAsync(TimeSpan.FromSeconds(30));

    /// <summary>Waits until /api/cluster lists exactly <paramref name="count"/> chunk-running silos.</summary>
    public Task WaitActiveWorkersAsync(int count, CancellationToken cancellationToken) => _cluster!.WaitListedWorkersAsync(count, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, program)));
}
