using System.Net.Http.Json;

namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>The raw submit the bad-input tests need: any body, any answer (the typed client throws on errors).</summary>
public static class ApiClientExtensions
{
    /// <summary>POSTs a calculation and returns the response, whatever its status.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient http, object body, CancellationToken cancellationToken) =>
        http.PostAsJsonAsync("/api/calculate", body, cancellationToken);
}
