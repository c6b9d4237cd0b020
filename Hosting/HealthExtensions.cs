using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pi.Orleans.Hosting;

/// <summary>The three probe endpoints: startup, readiness (silo active, not stopping) and liveness (local only).</summary>
public static class HealthExtensions
{
    private const string LiveTag = "live";
    private const string ReadyTag = "ready";

    /// <summary>Registers the checks.</summary>
    public static WebApplicationBuilder AddPiHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            .AddCheck<SiloReadyHealthCheck>("silo", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>Maps /health/startup, /health/ready and /health/live.</summary>
    public static IEndpointRouteBuilder MapPiHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/startup", new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag) });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        return app;
    }
}
