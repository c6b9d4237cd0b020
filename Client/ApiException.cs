namespace Pi.Orleans.Client;

/// <summary>An error answer of the API, carrying its ProblemDetails title, detail and field errors.</summary>
public sealed class ApiException(int statusCode, string title, string? detail, IReadOnlyDictionary<string, string[]> errors)
    : Exception(detail is null ? title : $"{title}: {detail}")
{
    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The ProblemDetails title, or the reason phrase.</summary>
    public string Title { get; } = title;

    /// <summary>The ProblemDetails detail, if any.</summary>
    public string? Detail { get; } = detail;

    /// <summary>Validation errors by field.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
