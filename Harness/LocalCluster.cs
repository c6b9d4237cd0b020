using System.Globalization;
using Pi.Orleans.Client;

namespace Pi.Orleans.Harness;

/// <summary>
/// redis-server, the Api (silo "front") and N worker Silo processes on loopback, each with its own free ports, forming one
/// Redis-clustered Orleans cluster: the one local cluster of the tests, the CLI's experiments, `pi cluster up` and the scripts.
/// Stopping stops the silos first and Redis last (a silo that loses Redis while it stops waits out timeouts).
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly LocalClusterOptions _options;
    private readonly List<LocalMember> _workers = [];
    private readonly RedisServer? _redis;
    private int _nextWorker = 1;

    private LocalCluster(LocalClusterOptions options, RedisServer? redis)
    {
        _options = options;
        _redis = redis;
        Api = Member("front", "api", options.ApiDll, options.ApiArguments, options.Environment, []);
        Client = PiApiClient.Create(ApiAddress.ToString(), TimeSpan.FromSeconds(30), options.ApiKey);
    }

    /// <summary>The redis-server every silo uses (none when embedded).</summary>
    public RedisServer Redis => _redis ?? throw new InvalidOperationException("An embedded Api has no redis-server.");

    /// <summary>Whether the cluster is the embedded Api alone.</summary>
    public bool IsEmbedded => _redis is null;

    /// <summary>The front silo with the HTTP API.</summary>
    public LocalMember Api { get; }

    /// <summary>Every worker started so far (worker-1, worker-2, …), running or not.</summary>
    public IReadOnlyList<LocalMember> Workers
    {
        get
        {
            lock (_workers)
            {
                return [.. _workers];
            }
        }
    }

    /// <summary>The Api's base address.</summary>
    public Uri ApiAddress => new($"http://{Api.Host}:{Api.Ports.Http}/");

    /// <summary>The Orleans cluster id.</summary>
    public string ClusterId => _options.ClusterId;

    /// <summary>The key the Api accepts.</summary>
    public string ApiKey => _options.ApiKey;

    /// <summary>A typed client for the Api, with the key.</summary>
    public PiApiClient Client { get; }

    /// <summary>Starts Redis, the workers and the Api, and waits until each is ready and the Api lists every worker.</summary>
    public static async Task<LocalCluster> StartAsync(LocalClusterOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Detached && options.LogDirectory is null)
        {
            throw new ArgumentException("A detached cluster needs a log directory.", nameof(options));
        }

        if (options.Embedded && options.Workers > 0)
        {
            throw new ArgumentException("An embedded Api runs alone: no workers.", nameof(options));
        }

        if (options.LogDirectory is { } logs)
        {
            Directory.CreateDirectory(logs);
        }

        var redis = options.Embedded ? null : await StartRedisAsync(options, cancellationToken);
        var cluster = new LocalCluster(options, redis);
        try
        {
            var workers = Enumerable.Range(0, options.Workers).Select(_ => cluster.AddWorker()).ToList();
            cluster.Api.Start();
            await Task.WhenAll(workers.Append(cluster.Api).Select(m => m.WaitReadyAsync(cancellationToken)));
            if (!options.Embedded)
            {
                await cluster.WaitListedWorkersAsync(options.Workers, cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private static Task<RedisServer> StartRedisAsync(LocalClusterOptions options, CancellationToken cancellationToken)
    {
        var placement = options.Placement?.Invoke("redis") ?? LocalPlacement.Loopback(options.RedisPort);
        return RedisServer.StartAsync(new RedisServerOptions
        {
            Port = placement.Ports.Http,
            Host = placement.Host,
            Prefix = placement.Prefix,
            AppendOnly = options.RedisAppendOnly,
            DataDirectory = options.LogDirectory is null ? null : Path.Combine(options.LogDirectory, "redis-data"),
            LogPath = LogOf(options, "redis"),
            Detached = options.Detached,
        }, cancellationToken);
    }

    /// <summary>
    /// Starts the next worker (worker-1, worker-2, …) on new ports without waiting for it; <paramref name="prefix"/> is a command
    /// that execs the rest (e.g. `taskset -c 1`), so that the process id stays the host's.
    /// </summary>
    public LocalMember AddWorker(IReadOnlyList<string>? prefix = null)
    {
        LocalMember worker;
        lock (_workers)
        {
            var name = $"worker-{_nextWorker++}";
            var environment = new Dictionary<string, string>(_options.Environment);
            foreach (var (key, value) in _options.WorkerEnvironment)
            {
                environment[key] = value;
            }

            worker = Member(name, name, _options.SiloDll, _options.SiloArguments, environment, prefix ?? []);
            _workers.Add(worker);
        }

        worker.Start();
        return worker;
    }

    /// <summary>Chunk-running silos /api/cluster lists now; null when the Api does not answer.</summary>
    public async Task<int?> ListedWorkersAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await Client.ClusterAsync(cancellationToken)).Silos.Count(s => s.RunsChunks);
        }
        catch (Exception e) when (e is HttpRequestException or ApiException or System.Text.Json.JsonException
            || e is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The Api is busy, restarting or still building its view; ask again.
            return null;
        }
    }

    /// <summary>Waits until /api/cluster lists exactly <paramref name="count"/> chunk-running silos.</summary>
    public async Task WaitListedWorkersAsync(int count, CancellationToken cancellationToken)
    {
        int? last = null;
        try
        {
            await Eventually.HoldsAsync(
                async token => (last = await ListedWorkersAsync(token) ?? last) == count, _options.ReadyTimeout, () => "", cancellationToken,
                TimeSpan.FromMilliseconds(200));
        }
        catch (TimeoutException)
        {
            throw new HostProcessException(
                $"/api/cluster listed {last?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} chunk-running silos, not {count}, " +
                $"after {_options.ReadyTimeout.TotalSeconds:0} s:\n{Output()}");
        }
    }

    /// <summary>The last output lines of every process, for failure messages.</summary>
    public string Output() => string.Join("\n", Workers.Append(Api).Where(m => m.Process is not null).Select(m => $"--- {m.Name}\n{m.Process.Tail()}"));

    /// <summary>Stops the silos (SIGTERM, at once and together), then Redis.</summary>
    public async Task StopAsync()
    {
        await Task.WhenAll(Workers.Append(Api).Select(m => m.StopAsync(StopTimeout)));
        if (_redis is not null)
        {
            await _redis.StopAsync(StopTimeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var member in Workers.Append(Api))
        {
            await member.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        Client.Dispose();
    }

    private static string? LogOf(LocalClusterOptions options, string name) =>
        options.LogDirectory is null ? null : Path.Combine(options.LogDirectory, name + ".log");

    private LocalMember Member(
        string siloName, string logName, string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> settings,
        IReadOnlyList<string> prefix)
    {
        var placement = _options.Placement?.Invoke(logName) ?? LocalPlacement.Loopback(logName == "api" ? _options.ApiPort : null);
        placement = placement with { Prefix = [.. placement.Prefix, .. prefix] };
        var ports = placement.Ports;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["Logging__Console__FormatterName"] = "simple",
            ["Cluster__AdvertisedIP"] = placement.Host,
        };
        if (_redis is not null && _options.OrleansProviderKey is { } providerKey)
        {
            foreach (var (name, value) in OrleansProviderSettings.For(providerKey, _redis.ConnectionString, _options.ClusterId, siloName, ports))
            {
                environment[name] = value;
            }
        }
        else
        {
            environment["Cluster__ClusterId"] = _options.ClusterId;
            environment["Cluster__SiloName"] = siloName;
            environment["Cluster__SiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture);
            environment["Cluster__GatewayPort"] = ports.Gateway.ToString(CultureInfo.InvariantCulture);
            if (_redis is not null)
            {
                environment["ConnectionStrings__Redis"] = _redis.ConnectionString;
            }
        }

        if (_redis is not null)
        {
            environment["Auth__ApiKeys__0"] = _options.ApiKey;
        }

        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return new LocalMember(siloName, dll, arguments, environment, placement, LogOf(_options, logName), _options.Detached, _options.ReadyTimeout);
    }
}
