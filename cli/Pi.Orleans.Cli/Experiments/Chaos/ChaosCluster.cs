using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Pi.Orleans.Cli.Experiments.Local;
using Pi.Orleans.Client;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Cli.Experiments.Chaos;

/// <summary>
/// The soak's cluster: redis-server with AOF, the Api and the workers, each on its own host of the <see cref="NetworkLab"/>,
/// each Orleans process advertising that host's address. The Api and Redis restart in place (same host, ports, data);
/// a replaced worker is a new host with a new address, as a rescheduled pod would be.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly HostBinaries _hosts;
    private readonly NetworkLab _network;
    private readonly ChaosOptions _options;
    private readonly string _logDirectory;
    private readonly string _clusterId = "pi-chaos-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<ChaosMember> _members = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly SemaphoreSlim _replacing = new(1, 1);
    private int _nextWorker = 1;

    public ChaosCluster(HostBinaries hosts, NetworkLab network, ChaosOptions options, string logDirectory)
    {
        (_hosts, _network, _options, _logDirectory) = (hosts, network, options, logDirectory);
        Redis = Add("redis", ChaosRole.Redis);
        Api = Add("api", ChaosRole.Api);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The key every request needs (the Api requires one in Redis mode).</summary>
    public string ApiKey { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public ChaosMember Redis { get; }

    public ChaosMember Api { get; }

    /// <summary>The Api's base address, the same across its restarts.</summary>
    public Uri ApiAddress => new($"http://{Api.Node.Address}:{Api.HttpPort}/");

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
        await StartRedisAsync(cancellationToken);
        Start(Api);
        var workers = Enumerable.Range(0, _options.Workers).Select(_ => StartWorker()).ToList();
        await Task.WhenAll(workers.Append(Api).Select(m => m.Process!.WaitReadyAsync(ReadyTimeout, cancellationToken)));
        await WaitListedAsync(_options.Workers, cancellationToken);
    }

    /// <summary>A new worker on a new host, started without waiting.</summary>
    public ChaosMember StartWorker()
    {
        var worker = Add($"worker-{Interlocked.Increment(ref _nextWorker) - 1}", ChaosRole.Worker);
        Start(worker);
        return worker;
    }

    /// <summary>SIGKILL of Redis, <paramref name="down"/> without it, then a start on the same port and append-only file.</summary>
    public async Task RestartRedisAsync(TimeSpan down, CancellationToken cancellationToken)
    {
        Redis.Process!.Kill();
        await Task.Delay(down, cancellationToken);
        await StartRedisAsync(cancellationToken);
    }

    /// <summary>SIGKILL of the Api, then a new Api process on the same host and ports; waits until it is ready.</summary>
    public async Task RestartApiAsync(CancellationToken cancellationToken)
    {
        Api.Process!.Kill();
        Start(Api);
        await Api.Process!.WaitReadyAsync(ReadyTimeout, cancellationToken);
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
    public async Task<int?> ListedWorkersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(ApiAddress, "api/cluster"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var cluster = await response.Content.ReadFromJsonAsync<ClusterInfo>(ApiJson.Options, cancellationToken);
            return cluster?.Silos.Count(s => s.RunsChunks);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Waits until /api/cluster lists exactly <paramref name="count"/> chunk-running silos.</summary>
    public Task WaitListedAsync(int count, CancellationToken cancellationToken) =>
        ListedWorkers.WaitAsync(ListedWorkersAsync, count, ReadyTimeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var m in Members.Where(m => m.Process is not null).Reverse())
        {
            await m.Process!.DisposeAsync();
        }

        _http.Dispose();
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

    private ChaosMember Add(string name, ChaosRole role)
    {
        var node = _network.AddNode(name);
        ChaosMember member;
        if (_network.Isolated)
        {
            member = new ChaosMember(name, role, node, role == ChaosRole.Redis ? 6379 : 8080, 11111, 30000);
        }
        else
        {
            member = new ChaosMember(name, role, node, role == ChaosRole.Redis ? FreePort.Next() : FreePort.Next(), FreePort.Next(), FreePort.Next());
        }

        lock (_members)
        {
            _members.Add(member);
        }

        return member;
    }

    private async Task StartRedisAsync(CancellationToken cancellationToken)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_logDirectory, "redis-data")).FullName;
        var (file, arguments) = Redis.Node.Command("redis-server",
        [
            "--port", Redis.HttpPort.ToString(CultureInfo.InvariantCulture), "--bind", Redis.Node.Address, "--protected-mode", "no",
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--dir", dir,
        ]);
        Redis.Starts++;
        Redis.Process = HostProcess.StartProgram("redis", file, arguments, new Dictionary<string, string>(), LogPath(Redis), 0, Redis.Node.Address);
        await RedisProbe.WaitAsync(Redis.Node.Address, Redis.HttpPort, Redis.Process, cancellationToken);
    }

    private void Start(ChaosMember member)
    {
        var dll = member.Role == ChaosRole.Api ? _hosts.ApiDll : _hosts.SiloDll;
        var (file, arguments) = member.Node.Command("dotnet", [dll, "--urls", $"http://{member.Node.Address}:{member.HttpPort}"]);
        member.Starts++;
        member.Process = HostProcess.StartProgram(member.Name, file, arguments, Environment(member), LogPath(member), member.HttpPort, member.Node.Address);
    }

    private string LogPath(ChaosMember member) => Path.Combine(_logDirectory, $"{member.Name}.{member.Starts}.log");

    private Dictionary<string, string> Environment(ChaosMember member)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__LogLevel__Pi"] = "Information",
            // One line per computed chunk attempt: how chunks computed twice are counted.
            ["Logging__LogLevel__Pi.Orleans.Grains.Calculations.ChunkComputer"] = "Debug",
            ["ConnectionStrings__Redis"] = $"{Redis.Node.Address}:{Redis.HttpPort}",
            ["Cluster__ClusterId"] = _clusterId,
            ["Cluster__SiloName"] = member.Name,
            ["Cluster__AdvertisedIP"] = member.Node.Address,
            ["Cluster__SiloPort"] = member.SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = member.GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Auth__ApiKeys__0"] = ApiKey,
            ["Dashboard__Enabled"] = "false",
            ["Pi__ChunkPoints"] = _options.ChunkPoints.ToString(CultureInfo.InvariantCulture),
            ["Shutdown__ReadinessDelay"] = "00:00:01",
            // Admission limits out of the way: one client submits everything; the soak is about faults, not quotas.
            ["Limits__MaxActiveCalculations"] = "10000",
            ["Limits__MaxActiveCalculationsPerClient"] = "10000",
            ["Limits__SubmissionsPerMinutePerClient"] = "100000",
            ["Limits__MaxConcurrentSingleRequests"] = "1000",
        };
        if (member.Role == ChaosRole.Worker)
        {
            environment["Pi__Slots"] = _options.SlotsPerWorker.ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }

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
