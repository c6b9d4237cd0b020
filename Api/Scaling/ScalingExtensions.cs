namespace Pi.Orleans.Api.Scaling;

/// <summary>Registers the backlog signal and maps GET /api/scaling.</summary>
public static class ScalingExtensions
{
    /// <summary>Registers options, the signal and its refresher.</summary>
    public static WebApplicationBuilder AddPiScaling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScalingOptions>().BindConfiguration(ScalingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ScalingSignal>();
        builder.Services.AddHostedService<ScalingRefresher>();
        return builder;
    }

    /// <summary>Maps /api/scaling.</summary>
    public static IEndpointRouteBuilder MapScalingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/scaling", (ScalingSignal signal, CancellationToken cancellationToken) => signal.ComputeAsync(cancellationToken))
            .WithName("GetScaling").WithTags("Cluster")
            .WithSummary("The backlog signal: slots, pending chunks and desired_workers = ceil((used + queued) / slots_per_worker), clamped.")
            .WithDescription("What the worker autoscaler reads: the chunk slots of the worker silos, how many are used and queued, and the worker count "
                + "that would serve the backlog within the configured bounds; 503 while a silo joins or leaves.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
