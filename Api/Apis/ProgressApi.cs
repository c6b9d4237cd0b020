using Microsoft.AspNetCore.Http.HttpResults;
using Pi.Orleans.Api.Estimates;
using Pi.Orleans.Api.Progress;

namespace Pi.Orleans.Api.Apis;

/// <summary>Live progress of a calculation as server-sent events.</summary>
public static class ProgressApi
{
    /// <summary>Maps GET {id}/events in the /api/calculate group.</summary>
    public static RouteGroupBuilder MapProgressApi(this RouteGroupBuilder calculations)
    {
        calculations.MapGet("/{id}/events", StreamAsync).WithName("StreamCalculation")
            .WithSummary("Server-sent events: `progress` updates pushed by the calculation (with eta_s), then one event named after its final status.")
            .WithDescription("The stream ends after the final event. 400 when id is not a GUID, 404 when no calculation has it, 503 while a silo joins or leaves.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return calculations;
    }

    private static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult, ValidationProblem>> StreamAsync(
        string id, IGrainFactory grains, ThroughputReader throughput, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var key))
        {
            return CalculationsApi.BadId();
        }

        if (await grains.GetGrain<ICalculationGrain>(key).GetAsync() is not { } snapshot)
        {
            return CalculationsApi.NotFound(key);
        }

        return TypedResults.ServerSentEvents(new ProgressStream(grains, throughput, time).ReadAsync(key, snapshot.Request.Mode, cancellationToken));
    }
}
