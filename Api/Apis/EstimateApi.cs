using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pi.Orleans.Api.Estimates;
using Pi.Orleans.Contracts;
using Pi.Orleans.Core.Precision;
using Pi.Orleans.Grains;

namespace Pi.Orleans.Api.Apis;

/// <summary>What a calculation would take before it is submitted: points, expected half-width, duration and workers.</summary>
public static class EstimateApi
{
    /// <summary>Maps GET /api/estimate.</summary>
    public static IEndpointRouteBuilder MapEstimateApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/estimate", GetAsync).WithName("GetEstimate").WithTags("Calculations")
            .WithSummary("Points, expected half-width and duration of a calculation given by total_points or target_error, and the workers that finish it within deadline_s.")
            .Produces<Estimate>(StatusCodes.Status200OK)
            .WithDescription("Nothing is submitted. Give total_points or target_error (not both) and optionally deadline_s; 400 for an invalid "
                + "combination, 503 while a silo joins or leaves.")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> GetAsync(
        [FromQuery(Name = "total_points")] string? totalPoints,
        [FromQuery(Name = "target_error")] string? targetError,
        [FromQuery(Name = "deadline_s")] string? deadline,
        ThroughputReader throughput,
        IOptions<PiOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        decimal? points = null;
        double? target = null;
        double? deadlineSeconds = null;
        if (totalPoints is not null)
        {
            if (decimal.TryParse(totalPoints, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                points = n;
            }
            else
            {
                errors["total_points"] = ["total_points must be a number."];
            }
        }

        if (targetError is not null)
        {
            if (double.TryParse(targetError, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && !double.IsNaN(t))
            {
                target = t;
            }
            else
            {
                errors["target_error"] = ["target_error must be a number."];
            }
        }

        if (deadline is not null)
        {
            if (double.TryParse(deadline, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d > 0)
            {
                deadlineSeconds = d;
            }
            else
            {
                errors["deadline_s"] = ["deadline_s must be a positive number of seconds."];
            }
        }

        var request = new SubmitRequest(points, null, null, target);
        if (errors.Count == 0 && SubmitReader.Problems(request, options.Value) is { } problems)
        {
            errors = problems;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid estimate request");
        }

        var planned = request.PlannedPoints();
        var speed = await throughput.ReadAsync(cancellationToken);
        return TypedResults.Ok(new Estimate
        {
            TotalPoints = planned,
            TargetError = target,
            ExpectedHalfWidth = PrecisionPlan.HalfWidth(planned),
            ExpectedDurationS = speed.SecondsFor(planned),
            PointsPerSecondPerSlot = speed.PointsPerSecondPerSlot,
            SlotsAvailable = speed.Slots,
            SlotsPerWorker = speed.SlotsPerWorker,
            DeadlineS = deadlineSeconds,
            DesiredWorkers = deadlineSeconds is { } s ? speed.WorkersFor(planned, s) : null,
        });
    }
}
