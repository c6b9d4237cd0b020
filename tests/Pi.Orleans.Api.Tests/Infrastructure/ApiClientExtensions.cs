using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Pi.Orleans.Api.Tests.Infrastructure;

/// <summary>Calls of the REST API that tests share.</summary>
public static class ApiClientExtensions
{
    /// <summary>POSTs a calculation and returns the response, whatever its status.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient http, object body, CancellationToken cancellationToken) =>
        http.PostAsJsonAsync("/api/calculate", body, cancellationToken);

    /// <summary>Submits a distributed calculation and returns it as accepted.</summary>
    public static async Task<CalculationJson> SubmitDistributedAsync(this HttpClient http, long points, ulong seed, CancellationToken cancellationToken)
    {
        using var response = await http.SubmitAsync(new { total_points = points, mode = "distributed", seed }, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CalculationJson>(CalculationJson.Options, cancellationToken))!;
    }

    /// <summary>Reads one calculation.</summary>
    public static async Task<CalculationJson> GetCalculationAsync(this HttpClient http, Guid id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/calculate/{id}", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CalculationJson>(CalculationJson.Options, cancellationToken))!;
    }

    /// <summary>Reads the calculation until it is no longer pending or running.</summary>
    public static async Task<CalculationJson> WaitFinishedAsync(this HttpClient http, Guid id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var calculation = await http.GetCalculationAsync(id, cancellationToken);
            if (calculation.Status is not ("pending" or "running"))
            {
                return calculation;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"calculation {id} still {calculation.Status} after {timeout} ({calculation.ChunksDone}/{calculation.ChunksTotal} chunks)");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
