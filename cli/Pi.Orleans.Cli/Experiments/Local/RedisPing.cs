using System.Net.Sockets;
using Pi.Orleans.Harness;

namespace Pi.Orleans.Cli.Experiments.Local;

/// <summary>Waits until a redis-server the experiment started answers PING.</summary>
public static class RedisPing
{
    public static async Task WaitAsync(string host, int port, HostProcess redis, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(host, port, cancellationToken);
                await using var stream = tcp.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !redis.HasExited)
            {
                // Not listening yet (or still loading its append-only file).
            }
            catch (SocketException)
            {
                throw new ExperimentException($"redis-server did not answer on {host}:{port}:\n{redis.Tail()}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
