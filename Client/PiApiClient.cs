using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Pi.Orleans.Contracts;

namespace Pi.Orleans.Client;

/// <summary>The Pi.Orleans REST API over HTTP; every unsuccessful answer throws an <see cref="ApiException"/>.</summary>
public sealed class PiApiClient(HttpClient http) : IDisposable
{
    /// <summary>The API's base address.</summary>
    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>A client for the API at <paramref name="baseAddress"/>.</summary>
    public static PiApiClient Create(string baseAddress, TimeSpan? timeout = null, string? apiKey = null)
    {
        if (!Uri.TryCreate(baseAddress.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--api must be an http(s) URL, not '{baseAddress}'.");
        }

        var http = new HttpClient { BaseAddress = uri, Timeout = timeout ?? TimeSpan.FromMinutes(10) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return new PiApiClient(http);
    }

    public Task<Calculation> SubmitAsync(long totalPoints, string mode, ulong? seed, CancellationToken cancellationToken = default) =>
        PostCalculationAsync(new Dictionary<string, object?> { ["total_points"] = totalPoints, ["mode"] = mode, ["seed"] = seed }, cancellationToken);

    /// <summary>POST /api/calculate by precision: the service plans the points that reach <paramref name="targetError"/> (half-width of the 95% interval).</summary>
    public Task<Calculation> SubmitByPrecisionAsync(double targetError, string mode, ulong? seed, CancellationToken cancellationToken = default) =>
        PostCalculationAsync(new Dictionary<string, object?> { ["target_error"] = targetError, ["mode"] = mode, ["seed"] = seed }, cancellationToken);

    /// <summary>GET /api/estimate for a point count or a target error (give one), with an optional deadline in seconds.</summary>
    public Task<Estimate> EstimateAsync(long? totalPoints, double? targetError, double? deadlineSeconds = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (totalPoints is { } n)
        {
            query.Add(FormattableString.Invariant($"total_points={n}"));
        }

        if (targetError is { } t)
        {
            query.Add(FormattableString.Invariant($"target_error={t:R}"));
        }

        if (deadlineSeconds is { } d)
        {
            query.Add(FormattableString.Invariant($"deadline_s={d:R}"));
        }

        return GetJsonAsync<Estimate>("api/estimate?" + string.Join('&', query), cancellationToken);
    }

    public Task<Calculation> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetJsonAsync<Calculation>($"api/calculate/{id}", cancellationToken);

    /// <summary>DELETE /api/calculate/{id}: the cancelled calculation (409 if it already finished).</summary>
    public async Task<Calculation> CancelAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync($"api/calculate/{id}", cancellationToken);
        return await ReadAsync<Calculation>(response, cancellationToken);
    }

    public Task<IReadOnlyList<Calculation>> ListAsync(string? status, int? limit, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(status))
        {
            query.Add("status=" + Uri.EscapeDataString(status));
        }

        if (limit is { } l)
        {
            query.Add("limit=" + l);
        }

        return GetJsonAsync<IReadOnlyList<Calculation>>("api/calculate" + (query.Count == 0 ? "" : "?" + string.Join('&', query)), cancellationToken);
    }

    public Task<ClusterInfo> ClusterAsync(CancellationToken cancellationToken = default) => GetJsonAsync<ClusterInfo>("api/cluster", cancellationToken);

    public Task<ScalingInfo> ScalingAsync(CancellationToken cancellationToken = default) => GetJsonAsync<ScalingInfo>("api/scaling", cancellationToken);

    /// <summary>GET /api/k8s/status as raw JSON, or null when the API has no such route (404).</summary>
    public async Task<JsonElement?> KubernetesStatusAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync("api/k8s/status", cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<JsonElement>(response, cancellationToken);
    }

    /// <summary>The events of a calculation, or null when the API answers 404 (no events route).</summary>
    public async Task<IAsyncEnumerable<ServerSentEvent>?> EventsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/calculate/{id}/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            // An API without the route and an unknown id both answer 404; callers poll GET instead, which tells the two apart.
            response.Dispose();
            request.Dispose();
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            var problem = await ProblemReader.ReadAsync(response, cancellationToken);
            response.Dispose();
            request.Dispose();
            throw problem;
        }

        return StreamAsync(request, response, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private async Task<Calculation> PostCalculationAsync(Dictionary<string, object?> body, CancellationToken cancellationToken)
    {
        if (body["seed"] is null)
        {
            body.Remove("seed");
        }

        using var response = await http.PostAsJsonAsync("api/calculate", body, ApiJson.Options, cancellationToken);
        return await ReadAsync<Calculation>(response, cancellationToken);
    }

    private static async IAsyncEnumerable<ServerSentEvent> StreamAsync(
        HttpRequestMessage request, HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (request)
        using (response)
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream);
            await foreach (var e in ServerSentEventReader.ReadAsync(reader, cancellationToken))
            {
                yield return e;
            }
        }
    }

    private async Task<T> GetJsonAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken)
            ?? throw new ApiException((int)response.StatusCode, "Empty answer", $"{response.RequestMessage?.RequestUri} answered no JSON.", new Dictionary<string, string[]>());
    }
}
