using System.Net;
using System.Net.Sockets;

namespace Pi.Orleans.AppHost;

/// <summary>The cluster's Redis: a container where the container engine can run one, the redis-server executable otherwise.</summary>
internal static class RedisExtensions
{
    /// <summary>"container", "executable" or "auto" (the default): how <see cref="AddPiRedis"/> runs Redis.</summary>
    public const string ModeKey = "Redis:Mode";

    // Named here, not left to Aspire.Hosting.Redis's default, so that the image "auto" looks for is the one that runs.
    private const string Image = "docker.io/library/redis";
    private const string Tag = "8.6";

    /// <summary>
    /// Adds Redis: with "auto", a container when the engine has the image already (a machine without a registry, or without an
    /// engine, still starts at once), else the redis-server executable when it is installed, else a container Aspire pulls.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPiRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var mode = builder.Configuration[ModeKey] ?? "auto";
        var container = mode switch
        {
            "container" => true,
            "executable" => false,
            "auto" => new ContainerEngine(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"]).HasImage($"{Image}:{Tag}") || !OnPath("redis-server"),
            _ => throw new InvalidOperationException($"{ModeKey} is '{mode}': container, executable or auto."),
        };
        if (container)
        {
            return builder.AddRedis(name).WithImage(Image, Tag);
        }

        // Not proxied: redis-server must be told its port, so the port is picked here rather than by the orchestrator. Nothing is
        // saved: the cluster's state lives as long as this run, as the container's does.
        var port = FreeLoopbackPort();
        return builder.AddResource(new RedisServerResource(name, builder.AppHostDirectory))
            .WithArgs("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: RedisServerResource.EndpointName, isProxied: false);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, program)));

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
