using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pi.Orleans.Grains.Diagnostics;
using Prometheus;

namespace Pi.Orleans.Hosting;

/// <summary>Metrics and traces for every silo: OpenTelemetry (OTLP when configured) and a Prometheus /metrics endpoint.</summary>
public static class TelemetryExtensions
{
    /// <summary>The Orleans meter.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The Orleans activity sources whose spans join a calculation's trace.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>Registers OpenTelemetry metrics, and tracing with OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
    public static WebApplicationBuilder AddPiTelemetry(this WebApplicationBuilder builder, SiloRole role)
    {
        builder.Services.AddHostedService<PrometheusMeters>();
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("pi-orleans-" + role.ToString().ToLowerInvariant()))
            .WithMetrics(m => m.AddMeter(OrleansMeter, PiInstruments.MeterName).AddAspNetCoreInstrumentation());

        // Spans are recorded only when something exports them: with no listener, Orleans and ASP.NET Core create no activity
        // per call, which is most of the tracing cost of a small request.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(t => t.AddSource([.. OrleansSources, PiActivities.SourceName]).AddAspNetCoreInstrumentation(
                    o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics")))
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Maps /metrics: the Orleans meter, ours, ASP.NET Core's and the runtime's, in Prometheus text format.</summary>
    public static IEndpointRouteBuilder MapPiMetrics(this IEndpointRouteBuilder app)
    {
        app.MapMetrics("/metrics");
        return app;
    }

    /// <summary>
    /// Starts prometheus-net's meter adapter now, not at the first scrape (so counts made before it are kept), limited to the
    /// meters worth scraping, and keeps idle series for a day instead of prometheus-net's 5 minutes.
    /// </summary>
    public static IDisposable StartPrometheusMeters()
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true, SuppressEventCounters = true });
        return MeterAdapter.StartListening(new MeterAdapterOptions
        {
            InstrumentFilterPredicate = instrument => instrument.Meter.Name is
                OrleansMeter or PiInstruments.MeterName or "System.Runtime"
                or "Microsoft.AspNetCore.Hosting" or "Microsoft.AspNetCore.Server.Kestrel",
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
    }
}
