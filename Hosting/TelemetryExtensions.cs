using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pi.Orleans.Grains.Diagnostics;

namespace Pi.Orleans.Hosting;

/// <summary>
/// Metrics, traces and logs for every silo through one OpenTelemetry pipeline: the Prometheus /metrics endpoint always, OTLP when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The Orleans meter.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The Orleans activity sources whose spans join a calculation's trace.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>The meters on /metrics besides ASP.NET Core's (which its instrumentation adds).</summary>
    public static readonly string[] Meters = [PiInstruments.MeterName, OrleansMeter, "System.Runtime"];

    /// <summary>
    /// ASP.NET Core's meters on /metrics: requests (http.server.request.duration) and Kestrel's connections. Not routing,
    /// authentication, authorization or rate limiting: each records on every request, about 1.5 % of a small request's CPU
    /// (docs/performance.md), and nothing here reads them.
    /// </summary>
    public static readonly string[] AspNetCoreMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>The service name when OTEL_SERVICE_NAME (or service.name in OTEL_RESOURCE_ATTRIBUTES) does not set one.</summary>
    public static string DefaultServiceName(SiloRole role) => "pi-orleans-" + role.ToString().ToLowerInvariant();

    /// <summary>
    /// Registers OpenTelemetry metrics with the Prometheus exporter, and OTLP export of traces, metrics and logs when configured;
    /// the resource follows the OTEL_* variables and falls back to <see cref="DefaultServiceName"/>.
    /// </summary>
    public static WebApplicationBuilder AddPiTelemetry(this WebApplicationBuilder builder, SiloRole role)
    {
        // Inserted first so that it is built, and listens, before the silo's hosted service exists (hosted services start in order).
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MeterProviderFirst>());
        builder.Services.AddOptions<TraceFilterOptions>().BindConfiguration(TraceFilterOptions.SectionName);

        // One pipeline for Prometheus and OTLP: the OpenTelemetry SDK aggregates each measurement once, 8-16 times cheaper per
        // measurement than prometheus-net's MeterAdapter (docs/observability.md#cost), and exports counters as counters.
        // The default resource already holds OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME, and a later AddService would override
        // them: the detector runs again after ours, so ours is only the fallback.
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(DefaultServiceName(role)).AddEnvironmentVariableDetector())
            .WithMetrics(m => m.AddMeter([.. Meters, .. AspNetCoreMeters]).AddView(PrometheusNames.View).AddPrometheusExporter());

        // Spans and log records are made only when something exports them: with no listener, Orleans and ASP.NET Core create no
        // activity per call, which is most of the tracing cost of a small request. The console logs stay as they are either way.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(t => t.AddSource([.. OrleansSources, PiActivities.SourceName])
                    .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics"))
                    .AddProcessor(sp => new BackgroundSpanFilter(sp.GetRequiredService<IOptions<TraceFilterOptions>>().Value)))
                .WithLogging(configureBuilder: null, configureOptions: o => (o.IncludeFormattedMessage, o.IncludeScopes) = (true, true))
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Maps /metrics: ours, Orleans', ASP.NET Core's and the runtime's meters, in Prometheus text format.</summary>
    public static IEndpointRouteBuilder MapPiMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
