using System.Net;
using System.Net.Sockets;

namespace Pi.Orleans.Harness;

/// <summary>Free TCP ports on loopback.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>A loopback port that nothing listens on now and that this process has not handed out before.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
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
    }
}
