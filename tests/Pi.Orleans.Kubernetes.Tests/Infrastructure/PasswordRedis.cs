using System.Diagnostics;
using StackExchange.Redis;

namespace Pi.Orleans.Kubernetes.Tests.Infrastructure;

/// <summary>
/// A real redis-server on a free loopback port that requires a password, read from a config file as the chart's Redis reads it
/// (never on its command line); stopped and its folder deleted on dispose.
/// </summary>
public sealed class PasswordRedis : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pi-redis-auth-").FullName;
    private readonly string _password = Guid.NewGuid().ToString("N");
    private readonly int _port = FreePort.Next();
    private Process? _process;

    /// <summary>A StackExchange.Redis connection string with the password, as the chart builds it.</summary>
    public string ConnectionString => $"127.0.0.1:{_port},password={_password},abortConnect=false";

    /// <summary>Starts the server and waits until it answers PING with the password.</summary>
    public static async Task<PasswordRedis> StartAsync(CancellationToken cancellationToken)
    {
        var redis = new PasswordRedis();
        var config = Path.Combine(redis._dir, "redis.conf");
        await File.WriteAllTextAsync(config, $"port {redis._port}\nbind 127.0.0.1\ndir {redis._dir}\nsave \"\"\nappendonly no\nrequirepass {redis._password}\n", cancellationToken);
        redis._process = Process.Start(new ProcessStartInfo("redis-server", [config]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("redis-server did not start");
        redis._process.OutputDataReceived += (_, _) => { };
        redis._process.ErrorDataReceived += (_, _) => { };
        redis._process.BeginOutputReadLine();
        redis._process.BeginErrorReadLine();
        await redis.WaitForPingAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        return redis;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private Task WaitForPingAsync(CancellationToken cancellationToken) =>
        Eventually.HoldsAsync(AnswersPingAsync, TimeSpan.FromSeconds(15), () => $"redis-server on port {_port} answers PING", cancellationToken, TimeSpan.FromMilliseconds(50));

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port},password={_password},connectTimeout=500");
            await connection.GetDatabase().PingAsync();
            return true;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }
}
