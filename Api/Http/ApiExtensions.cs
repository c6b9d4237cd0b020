using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pi.Orleans.Api.ApiDocs;
using Pi.Orleans.Api.Cluster;
using Pi.Orleans.Api.Estimates;

namespace Pi.Orleans.Api.Http;

/// <summary>The HTTP edge: snake_case JSON, ProblemDetails for every error, and the OpenAPI document.</summary>
public static class ApiExtensions
{
    /// <summary>Registers JSON options, ProblemDetails and OpenAPI.</summary>
    public static WebApplicationBuilder AddPiApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<TransientClusterErrors>();
        builder.Services.TryAddSingleton<SiloDirectory>();
        builder.Services.TryAddSingleton<ThroughputReader>();
        builder.Services.AddPiOpenApi();
        return builder;
    }

    /// <summary>Turns unhandled errors and bare status codes into ProblemDetails, serves the web page at / and maps /openapi/v1.json.</summary>
    public static WebApplication UsePiApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi();
        return app;
    }
}
