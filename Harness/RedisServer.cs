using System.Globalization;

namespace Pi.Orleans.Harness;

/// <summary>A real redis-server on a loopback port with its own data folder; restartable on the same port and data; stopped on dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly RedisServerOptions _options;
    private readonly string _dataDirectory;

    private RedisServer(RedisServerOptions options)
    {
        _options = options;
        Port = options.Port ?? FreePort.Next();
        _dataDirectory = options.DataDirectory is { } given
            ? Directory.CreateDirectory(given).FullName
            : Directory.CreateTempSubdirectory("pi-redis-").FullName;
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>The address it binds.</summary>
    public string Host => _options.Host;

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"{Host}:{Port},abortConnect=false";

    /// <summary>How many processes were started.</summary>
    public int Starts { get; private set; }

    /// <summary>The process running now (or the last one).</summary>
    public HostProcess Process { get; private set; } = null!;

    /// <summary>Starts a server and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync(RedisServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new RedisServer(options ?? new RedisServerOptions());
        try
        {
            await server.RestartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server again (after <see cref="Kill"/>) on the same port and data folder, and waits until it answers PING.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable()
            ?? throw new HostProcessException("redis-server is not installed (or not on PATH). Install it: apt-get install -y redis-server");
        // repl-diskless-sync-delay 0: `redis-cli --rdb` (ops/backup-redis.sh) gets its snapshot at once, not after the default 5 s.
        string[] arguments =
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", Host, "--protected-mode", "no", "--dir", _dataDirectory,
            "--appendonly", _options.AppendOnly ? "yes" : "no", "--appendfsync", "everysec", "--save", "",
            "--repl-diskless-sync-delay", "0",
        ];
        var log = StartLog.PathOf(_options.LogPath, ++Starts);
        string[] command = [.. _options.Prefix, executable, .. arguments];
        Process = _options.Detached
            ? HostProcess.StartDetached("redis", command[0], command[1..], new Dictionary<string, string>(), log!)
            : HostProcess.StartProgram("redis", command[0], command[1..], new Dictionary<string, string>(), log, 0, Host);
        await RedisProbe.WaitAsync(Host, Port, Process, cancellationToken);
    }

    /// <summary>Kills the server at once (SIGKILL).</summary>
    public void Kill() => Process?.Kill();

    /// <summary>Stops the server (SIGTERM, SIGKILL after <paramref name="timeout"/>).</summary>
    public Task<TimeSpan> StopAsync(TimeSpan timeout) => Process?.StopAsync(timeout) ?? Task.FromResult(TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        if (_options.DataDirectory is null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);
}
