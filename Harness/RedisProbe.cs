using System.Net.Sockets;

namespace Pi.Orleans.Harness;

/// <summary>Waits until a redis-server that was just started answers PING.</summary>
public static class RedisProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Fails with the server's last output when it exits first or does not answer within 15 s.</summary>
    public static async Task WaitAsync(string host, int port, HostProcess redis, CancellationToken cancellationToken)
    {
        try
        {
            await Eventually.HoldsAsync(token => AnswersAsync(host, port, redis, token), Timeout, () => "", cancellationToken, TimeSpan.FromMilliseconds(50));
        }
        catch (TimeoutException)
        {
            throw new HostProcessException($"redis-server did not answer on {host}:{port}:\n{redis.Tail()}");
        }
    }

    private static async Task<bool> AnswersAsync(string host, int port, HostProcess redis, CancellationToken cancellationToken)
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, cancellationToken);
            await using var stream = tcp.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException) when (!redis.HasExited)
        {
            // Not listening yet (or still loading its append-only file).
            return false;
        }
        catch (SocketException)
        {
            throw new HostProcessException($"redis-server exited before it answered on {host}:{port}:\n{redis.Tail()}");
        }
    }
}
