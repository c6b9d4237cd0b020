using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pi.Orleans.Harness;

/// <summary>Free TCP ports on loopback.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    // A host restarted on its old ports (the front and Redis restart tests) binds them again after they were free for a moment.
    // Ports in the kernel's range for outgoing connections (ip_local_port_range) can be taken in that moment by any connection
    // of any process on the machine ("Address already in use", seen once in CI), so ports are handed out below that range.
    private static readonly (int Low, int High) Range = BelowOutgoingPorts();

    /// <summary>A loopback port that nothing listens on now and that this process has not handed out before.</summary>
    public static int Next()
    {
        while (true)
        {
            var candidate = Range.High > Range.Low ? Random.Shared.Next(Range.Low, Range.High) : 0;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, candidate);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                lock (Handed)
                {
                    if (Handed.Add(port))
                    {
                        return port;
                    }
                }
            }
            catch (SocketException)
            {
                // In use: another candidate.
            }
        }
    }

    private static (int Low, int High) BelowOutgoingPorts()
    {
        const int low = 20_000;
        try
        {
            var first = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
            return first > low + 1_000 ? (low, first) : (0, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux, or no /proc: let the kernel choose.
            return (0, 0);
        }
    }
}
