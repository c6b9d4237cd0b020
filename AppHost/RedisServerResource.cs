namespace Pi.Orleans.AppHost;

/// <summary>A redis-server executable on a loopback port, for machines without a container engine.</summary>
public sealed class RedisServerResource(string name, string workingDirectory)
    : ExecutableResource(name, "redis-server", workingDirectory), IResourceWithConnectionString
{
    /// <summary>The endpoint's name.</summary>
    public const string EndpointName = "tcp";

    /// <summary>The server's endpoint.</summary>
    public EndpointReference Endpoint => new(this, EndpointName);

    /// <summary>host:port, the StackExchange.Redis connection string the silos get as ConnectionStrings:&lt;name&gt;.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}
