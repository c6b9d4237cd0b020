using System.Globalization;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Experiments.Chaos;

/// <summary>
/// The soak's cluster: the harness's <see cref="LocalCluster"/> with redis-server on AOF, the Api and the workers each on its own
/// host of the <see cref="NetworkLab"/>, each Orleans process advertising that host's address. The Api and Redis restart in place
/// (same host, ports, data); a replaced worker is a new host with a new address, as a rescheduled pod would be.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly HostBinaries _hosts;
    private readonly NetworkLab _network;
    private readonly ChaosOptions _options;
    private readonly string _logDirectory;
    private readonly Dictionary<string, NetworkNode> _nodes = [];
    private readonly List<ChaosMember> _members = [];
    private readonly SemaphoreSlim _replacing = new(1, 1);
    private LocalCluster _cluster = null!;

    public ChaosCluster(HostBinaries hosts, NetworkLab network, ChaosOptions options, string logDirectory)
    {
        (_hosts, _network, _options, _logDirectory) = (hosts, network, options, logDirectory);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The key every request needs (the Api requires one in Redis mode).</summary>
    public string ApiKey { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public ChaosMember Redis { get; private set; } = null!;

    public ChaosMember Api { get; private set; } = null!;

    /// <summary>The Api's base address, the same across its restarts.</summary>
    public Uri ApiAddress => _cluster.ApiAddress;

    /// <summary>Every member that ever existed, in order of creation.</summary>
    public IReadOnlyList<ChaosMember> Members
    {
        get
        {
            lock (_members)
            {
                return [.. _members];
            }
        }
    }

    /// <summary>Workers whose process runs now (partitioned ones included).</summary>
    public IReadOnlyList<ChaosMember> Workers => [.. Members.Where(m => m.Role == ChaosRole.Worker && m.IsRunning)];

    /// <summary>Starts Redis, the Api and the workers, and waits until the Api lists every worker.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _cluster = await LocalCluster.StartAsync(new LocalClusterOptions
        {
            ApiDll = _hosts.ApiDll,
            SiloDll = _hosts.SiloDll,
            Workers = _options.Workers,
            ClusterId = "pi-chaos-" + Guid.NewGuid().ToString("N")[..8],
            ApiKey = ApiKey,
            LogDirectory = _logDirectory,
            RedisAppendOnly = true,
            Placement = Place,
            Environment = Settings(),
            WorkerEnvironment = new Dictionary<string, string> { ["Pi__Slots"] = _options.SlotsPerWorker.ToString(CultureInfo.InvariantCulture) },
            ReadyTimeout = ReadyTimeout,
        }, cancellationToken);
        Redis = Track(ChaosMember.Of(_cluster.Redis, _nodes["redis"]));
        Api = Track(ChaosMember.Of(_cluster.Api, ChaosRole.Api, _nodes["api"]));
        foreach (var worker in _cluster.Workers)
        {
            Track(WorkerMember(worker));
        }
    }

    /// <summary>A new worker on a new host, started without waiting.</summary>
    public ChaosMember StartWorker() => Track(WorkerMember(_cluster.AddWorker()));

    /// <summary>SIGKILL of Redis, <paramref name="down"/> without it, then a start on the same port and append-only file.</summary>
    public async Task RestartRedisAsync(TimeSpan down, CancellationToken cancellationToken)
    {
        _cluster.Redis.Kill();
        await Task.Delay(down, cancellationToken);
        await _cluster.Redis.RestartAsync(cancellationToken);
    }

    /// <summary>SIGKILL of the Api, then a new Api process on the same host and ports; waits until it is ready.</summary>
    public async Task RestartApiAsync(CancellationToken cancellationToken)
    {
        _cluster.Api.Kill();
        await _cluster.Api.StartAsync();
        await _cluster.Api.WaitReadyAsync(cancellationToken);
    }

    /// <summary>Starts a new worker for each that exited since, so that <see cref="ChaosOptions.Workers"/> run; returns the new ones.</summary>
    public async Task<IReadOnlyList<ChaosMember>> ReplaceExitedWorkersAsync(CancellationToken cancellationToken)
    {
        await _replacing.WaitAsync(cancellationToken);
        try
        {
            var missing = _options.Workers - Workers.Count;
            var added = Enumerable.Range(0, Math.Max(0, missing)).Select(_ => StartWorker()).ToList();
            await Task.WhenAll(added.Select(w => WaitReadyUnlessKilledAsync(w, cancellationToken)));
            return added;
        }
        finally
        {
            _replacing.Release();
        }
    }

    /// <summary>Chunk-running silos /api/cluster lists now; null when the Api does not answer.</summary>
    public Task<int?> ListedWorkersAsync(CancellationToken cancellationToken) => _cluster.ListedWorkersAsync(cancellationToken);

    /// <summary>Waits until /api/cluster lists exactly <paramref name="count"/> chunk-running silos.</summary>
    public Task WaitListedAsync(int count, CancellationToken cancellationToken) => _cluster.WaitListedWorkersAsync(count, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _replacing.Dispose();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }

    // Faults overlap: a worker may be killed by the next fault before it is ready.
    private static async Task WaitReadyUnlessKilledAsync(ChaosMember worker, CancellationToken cancellationToken)
    {
        try
        {
            await worker.Process!.WaitReadyAsync(ReadyTimeout, cancellationToken);
        }
        catch (HostProcessException) when (worker.ExpectedExit)
        {
            // Killed on purpose while starting.
        }
    }

    // Each process gets a host of its own: in isolated mode the ports of a pod (6379, 8080, 11111, 30000), else free loopback ports.
    private LocalPlacement Place(string name)
    {
        var node = _network.AddNode(name);
        lock (_nodes)
        {
            _nodes[name] = node;
        }

        var ports = _network.Isolated ? new LocalPorts(name == "redis" ? 6379 : 8080, 11111, 30000) : LocalPorts.Free();
        return new LocalPlacement(node.Address, node.Prefix, ports);
    }

    private ChaosMember WorkerMember(LocalMember worker)
    {
        lock (_nodes)
        {
            return ChaosMember.Of(worker, ChaosRole.Worker, _nodes[worker.Name]);
        }
    }

    private ChaosMember Track(ChaosMember member)
    {
        lock (_members)
        {
            _members.Add(member);
        }

        return member;
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging__LogLevel__Pi"] = "Information",
        // One line per computed chunk attempt: how chunks computed twice are counted.
        ["Logging__LogLevel__Pi.Orleans.Grains.Calculations.ChunkComputer"] = "Debug",
        ["Dashboard__Enabled"] = "false",
        ["Pi__ChunkPoints"] = _options.ChunkPoints.ToString(CultureInfo.InvariantCulture),
        ["Shutdown__ReadinessDelay"] = "00:00:01",
        // Admission limits out of the way: one client submits everything; the soak is about faults, not quotas.
        ["Limits__MaxActiveCalculations"] = "10000",
        ["Limits__MaxActiveCalculationsPerClient"] = "10000",
        ["Limits__SubmissionsPerMinutePerClient"] = "100000",
        ["Limits__MaxConcurrentSingleRequests"] = "1000",
    };

    // Ctrl-C or a crash of the soak: no process may outlive it.
    private void OnProcessExit(object? sender, EventArgs e)
    {
        foreach (var m in Members)
        {
            try
            {
                m.Process?.Kill();
            }
            catch (InvalidOperationException)
            {
                // Never started or already gone.
            }
        }
    }
}
