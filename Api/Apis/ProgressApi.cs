using Microsoft.AspNetCore.Http.HttpResults;
using Pi.Orleans.Api.Progress;

namespace Pi.Orleans.Api.Apis;

/// <summary>Live progress of a calculation as server-sent events.</summary>
public static class ProgressApi
{
    /// <summary>Maps GET /api/calculate/{id}/events.</summary>
    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/calculate/{id}/events", StreamAsync).WithName("StreamCalculation").WithTags("Calculations")
            .WithSummary("Server-sent events: `progress` updates pushed by the calculation, then one event named after its final status.");
        return app;
    }

    private static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult, ValidationProblem>> StreamAsync(
        string id, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var key))
        {
            return CalculationsApi.BadId();
        }

        if (await grains.GetGrain<ICalculationGrain>(key).GetAsync() is null)
        {
            return CalculationsApi.NotFound(key);
        }

        return TypedResults.ServerSentEvents(new ProgressStream(grains, time).ReadAsync(key, cancellationToken));
    }
}
