using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pi.Orleans.Api.Contracts;
using Pi.Orleans.Api.Estimates;
using Pi.Orleans.Api.Limits;
using Pi.Orleans.Api.Security;
using Pi.Orleans.Contracts;
using Pi.Orleans.Core.Planning;
using Pi.Orleans.Grains;

namespace Pi.Orleans.Api.Apis;

/// <summary>The calculation routes of the original app: submit, read, list and cancel.</summary>
public static class CalculationsApi
{
    private static readonly TimeSpan SingleWaitStep = TimeSpan.FromSeconds(10);

    /// <summary>Maps /api/calculate and its routes, the events stream included.</summary>
    public static RouteGroupBuilder MapCalculationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calculate").WithTags("Calculations");
        group.MapPost("/", SubmitAsync).WithName("SubmitCalculation")
            .RequireAuthorization(AuthExtensions.OperatorPolicy)
            .RequireRateLimiting(LimitsExtensions.SubmitPolicy)
            .WithSummary("Submit a calculation by total_points or by target_error; single mode answers when done, distributed mode answers 202 at once.")
            .WithDescription("Single mode runs on this silo and answers 200 with the finished calculation; distributed mode spreads chunks over the "
                + "worker silos and answers 202 with its Location. 413 for a body over 64 KiB, 415 without a JSON Content-Type, 429 when the "
                + "client submits too fast or too many calculations are active, 503 while a silo joins or leaves (retry after Retry-After).")
            .Accepts<SubmitRequest>("application/json")
            .Produces<Calculation>(StatusCodes.Status200OK)
            .Produces<Calculation>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}", GetAsync).WithName("GetCalculation").WithSummary("Status, progress, eta_s and results of one calculation.")
            .WithDescription("400 when id is not a GUID, 404 when no calculation has it, 503 while a silo joins or leaves.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/", ListAsync).WithName("ListCalculations").WithSummary("Recent calculations, newest first.")
            .WithDescription("Filter by status (pending, running, completed, failed, cancelled) and take at most limit (1 to 1000, default 20); "
                + "400 for an unknown status or limit, 503 while a silo joins or leaves.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapDelete("/{id}", CancelAsync).WithName("CancelCalculation").WithSummary("Cancel a pending or running calculation.")
            .WithDescription("Answers the cancelled calculation. 400 when id is not a GUID, 401 without an operator key, 404 when no calculation "
                + "has the id, 409 when it already completed or failed, 503 while a silo joins or leaves.")
            .RequireAuthorization(AuthExtensions.OperatorPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapProgressApi();
        return group;
    }

    private static async Task<IResult> SubmitAsync(
        HttpRequest http, CalculationGrains grains, IOptions<PiOptions> options, IOptions<LimitsOptions> limits, SingleRequestGate singles,
        ThroughputReader throughput, IClusterReadings slots, ISingleChunkCalculations quick, TimeProvider time, CancellationToken cancellationToken)
    {
        var (read, problem) = await SubmitReader.ReadAsync(http, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var request = read! with { Client = LimitsExtensions.ClientName(http.HttpContext) };
        var planning = ChunkPlanner.Plan(request.TotalPoints, await slots.ReadCachedAsync(cancellationToken), options.Value.ToPlanning());
        if (Refusal(request, planning) is { } refused)
        {
            return refused;
        }

        using var single = request.Mode == CalculationMode.Single ? singles.TryEnter() : SingleRequestGate.NotNeeded;
        if (single is null)
        {
            return LimitsExtensions.TooMany(http.HttpContext, limits.Value.RetryAfterSeconds, "Too many single-mode requests",
                $"At most {limits.Value.MaxConcurrentSingleRequests} single-mode requests wait for their answer at once (Limits:MaxConcurrentSingleRequests).");
        }

        var id = Guid.NewGuid();
        var admission = await grains.PartitionOf(request.Client).TryAdmitAsync(
            new CalculationSummary(id, CalculationStatus.Pending, time.GetUtcNow(), request.Client),
            limits.Value.MaxActiveCalculations,
            limits.Value.MaxActiveCalculationsPerClient);
        if (!admission.Admitted)
        {
            return LimitsExtensions.TooMany(http.HttpContext, limits.Value.RetryAfterSeconds, "Too many active calculations",
                $"{admission.ActiveInCluster} calculations are active in the cluster (limit {limits.Value.MaxActiveCalculations}) and "
                + $"{admission.ActiveForClient} for this client (limit {limits.Value.MaxActiveCalculationsPerClient}).");
        }

        // A single-mode calculation of one chunk runs without a calculation grain; the grain takes it over if its chunk fails.
        if (quick.Takes(request, planning) && await quick.RunAsync(id, request, planning) is { } done)
        {
            return TypedResults.Ok(CalculationResponses.From(done, time.GetUtcNow()));
        }

        var grain = grains.Calculation(id);
        var snapshot = await grain.StartAsync(request);
        if (request.Mode == CalculationMode.Distributed)
        {
            return TypedResults.Accepted($"/api/calculate/{id}", CalculationResponses.From(snapshot, time.GetUtcNow(), await throughput.ReadAsync(cancellationToken)));
        }

        while (snapshot.Status.IsActive())
        {
            cancellationToken.ThrowIfCancellationRequested();
            snapshot = await grain.WaitAsync(SingleWaitStep) ?? snapshot;
        }

        return TypedResults.Ok(CalculationResponses.From(snapshot, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<Calculation>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string id, CalculationGrains grains, ThroughputReader throughput, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var key))
        {
            return BadId();
        }

        var snapshot = await grains.Calculation(key).GetAsync();
        return snapshot is null
            ? NotFound(key)
            : TypedResults.Ok(CalculationResponses.From(snapshot, time.GetUtcNow(), await throughput.ReadAsync(cancellationToken)));
    }

    private static async Task<Results<Ok<Calculation[]>, ValidationProblem>> ListAsync(
        string? status, string? limit, CalculationGrains grains, ThroughputReader throughput, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CalculationStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<CalculationStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
            {
                wanted = parsed;
            }
            else
            {
                errors["status"] = ["status must be one of pending, running, completed, failed, cancelled."];
            }
        }

        var take = 20;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, out take) || take is < 1 or > 1000))
        {
            errors["limit"] = ["limit must be a whole number from 1 to 1000."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid query");
        }

        // Each partition's newest, merged: the newest of all.
        var partitions = await Task.WhenAll(grains.Partitions.Select(p => p.ListAsync(wanted, take)));
        var summaries = partitions.SelectMany(p => p).OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).Take(take);
        var snapshots = await Task.WhenAll(summaries.Select(s => grains.Calculation(s.Id).GetAsync()));
        var now = time.GetUtcNow();
        var speed = await throughput.ReadAsync(cancellationToken);
        return TypedResults.Ok(snapshots.OfType<CalculationSnapshot>().Select(s => CalculationResponses.From(s, now, speed)).ToArray());
    }

    private static async Task<Results<Ok<Calculation>, ProblemHttpResult, ValidationProblem>> CancelAsync(
        string id, CalculationGrains grains, TimeProvider time)
    {
        if (!Guid.TryParse(id, out var key))
        {
            return BadId();
        }

        var grain = grains.Calculation(key);
        var before = await grain.GetAsync();
        if (before is null)
        {
            return NotFound(key);
        }

        if (before.Status is CalculationStatus.Completed or CalculationStatus.Failed)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Calculation already finished",
                detail: $"Calculation {key} is {before.Status.ToString().ToLowerInvariant()} and cannot be cancelled.");
        }

        var after = await grain.CancelAsync();
        return TypedResults.Ok(CalculationResponses.From(after!, time.GetUtcNow()));
    }

    // A calculation whose chunks, at the cluster's measured speed, could not end before Orleans' response timeout is refused
    // here; the grain checks again, should the speed change in between, and fails such a calculation at once.
    private static ProblemHttpResult? Refusal(CalculationRequest request, ChunkPlanning planning) =>
        planning.Refusal is not { } refusal ? null : SubmitReader.Invalid(new() { [request.TargetError is null ? "total_points" : "target_error"] = [refusal] });

    internal static ValidationProblem BadId() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["id must be a calculation id (a GUID)."] }, title: "Invalid id");

    internal static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Calculation not found",
        detail: $"No calculation has the id {id}.");
}
