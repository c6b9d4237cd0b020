using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Pi.Orleans.Grains;

namespace Pi.Orleans.Api.Apis;

/// <summary>Reads and checks a POST /api/calculate body; every problem names its field.</summary>
internal static class SubmitReader
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>The request, or the ProblemDetails answer that explains what is wrong with it.</summary>
    public static async Task<(CalculationRequest? Request, ProblemHttpResult? Problem)> ReadAsync(HttpRequest http, PiOptions limits, CancellationToken cancellationToken)
    {
        if (!http.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type",
                detail: "Send the body as JSON with Content-Type: application/json."));
        }

        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: ex.Message));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, TypedResults.Problem(statusCode: ex.StatusCode, title: "Unreadable body", detail: ex.Message));
        }

        using (document)
        {
            return Validate(document.RootElement, limits);
        }
    }

    private static (CalculationRequest?, ProblemHttpResult?) Validate(JsonElement body, PiOptions limits)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed request", detail: "The body must be a JSON object."));
        }

        var errors = new Dictionary<string, string[]>();
        var mode = ReadMode(body, errors);
        var limit = mode == CalculationMode.Single ? Math.Min(limits.MaxSinglePoints, limits.MaxTotalPoints) : limits.MaxTotalPoints;
        var totalPoints = ReadTotalPoints(body, limit, mode, errors);
        var seed = ReadSeed(body, errors);
        if (errors.Count > 0)
        {
            return (null, TypedResults.Problem(new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid calculation request",
            }));
        }

        return (new CalculationRequest(totalPoints, mode, seed ?? NewSeed(), seed is null), null);
    }

    private static CalculationMode ReadMode(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("mode", out var mode) || mode.ValueKind == JsonValueKind.Null)
        {
            return CalculationMode.Distributed;
        }

        switch (mode.ValueKind == JsonValueKind.String ? mode.GetString() : null)
        {
            case "single":
                return CalculationMode.Single;
            case "distributed":
                return CalculationMode.Distributed;
            default:
                errors["mode"] = ["mode must be \"single\" or \"distributed\"."];
                return CalculationMode.Distributed;
        }
    }

    private static long ReadTotalPoints(JsonElement body, long limit, CalculationMode mode, Dictionary<string, string[]> errors)
    {
        var tooMany = $"total_points must be at most {limit} in {mode.ToString().ToLowerInvariant()} mode.";
        if (!body.TryGetProperty("total_points", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors["total_points"] = ["total_points is required."];
        }
        else if (value.ValueKind != JsonValueKind.Number)
        {
            errors["total_points"] = ["total_points must be a JSON number, not a " + value.ValueKind.ToString().ToLowerInvariant() + "."];
        }
        else if (!value.TryGetDecimal(out var number))
        {
            errors["total_points"] = [tooMany];
        }
        else if (number != decimal.Truncate(number))
        {
            errors["total_points"] = ["total_points must be a whole number."];
        }
        else if (number <= 0)
        {
            errors["total_points"] = ["total_points must be positive."];
        }
        else if (number > limit)
        {
            errors["total_points"] = [tooMany];
        }
        else
        {
            return (long)number;
        }

        return 0;
    }

    private static ulong? ReadSeed(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("seed", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number == decimal.Truncate(number)
            && number >= 0 && number <= ulong.MaxValue)
        {
            return (ulong)number;
        }

        errors["seed"] = [$"seed must be a whole number from 0 to {ulong.MaxValue}."];
        return null;
    }

    // Below 2^53 so that every JSON client reads the reported seed back exactly.
    private static ulong NewSeed() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong))) >> 11;
}
