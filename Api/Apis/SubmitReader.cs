using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Pi.Orleans.Grains;

namespace Pi.Orleans.Api.Apis;

/// <summary>Reads a POST /api/calculate body with strict JSON options and DataAnnotations; every problem names its field.</summary>
internal static class SubmitReader
{
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonNumberConverter() },
    };

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

        // A declared length over the limit is refused before reading; a chunked body is cut off by the server's own limit below.
        if (http.ContentLength > MaxBodyBytes)
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Body too large",
                detail: $"The body has {http.ContentLength} bytes; a calculation request has at most {MaxBodyBytes}."));
        }

        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        SubmitRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SubmitRequest>(http.Body, Strict, cancellationToken);
        }
        catch (JsonException ex) when (ex.GetType() == typeof(JsonException) && WrongKind(ex) is { } error)
        {
            return (null, Invalid(new() { [error.Field] = [error.Message] }));
        }
        catch (JsonException ex) when (ex.GetType() == typeof(JsonException))
        {
            return (null, NotAnObject());
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: ex.Message));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, TypedResults.Problem(statusCode: ex.StatusCode, title: "Unreadable body", detail: ex.Message));
        }

        if (body is null)
        {
            return (null, NotAnObject());
        }

        if (Problems(body, limits) is { } errors)
        {
            return (null, Invalid(errors));
        }

        var seed = body.Seed is { } s ? (ulong)s : (ulong?)null;
        return (new CalculationRequest(body.PlannedPoints(), body.ParsedMode!.Value, seed ?? NewSeed(), seed is null, TargetError: body.TargetError), null);
    }

    /// <summary>The request's problems by field, or null when it is valid.</summary>
    public static Dictionary<string, string[]>? Problems(SubmitRequest body, PiOptions limits)
    {
        var results = new List<ValidationResult>();
        var context = new ValidationContext(body, null, new Dictionary<object, object?> { [typeof(PiOptions)] = limits });
        return Validator.TryValidateObject(body, context, results, validateAllProperties: true)
            ? null
            : results.GroupBy(r => r.MemberNames.Single()).ToDictionary(g => g.Key, g => g.Select(r => r.ErrorMessage ?? "").ToArray());
    }

    // A field holding a value of the wrong JSON kind, with the same words the range checks use.
    private static (string Field, string Message)? WrongKind(JsonException ex) => ex.Path switch
    {
        "$.total_points" => ("total_points", "total_points " + ex.Message),
        "$.target_error" => ("target_error", "target_error " + ex.Message),
        "$.mode" => ("mode", SubmitRequest.ModeError),
        "$.seed" => ("seed", SubmitRequest.SeedError),
        _ => null,
    };

    /// <summary>The 400 answer naming each invalid field of a calculation request.</summary>
    internal static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Invalid calculation request" });

    private static ProblemHttpResult NotAnObject() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed request", detail: "The body must be a JSON object.");

    // Below 2^53 so that every JSON client reads the reported seed back exactly.
    private static ulong NewSeed() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong))) >> 11;
}
