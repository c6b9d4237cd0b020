using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Pi.Orleans.Client;
using Pi.Orleans.Hosting;

namespace Pi.Orleans.Api.Tests;

public sealed class TelemetryTests
{
    private const string Mark = "pi.test.run";

    // The names Orleans gives its spans (interface/method) and the sources it starts them from.
    private static readonly ActivitySource Runtime = new("Microsoft.Orleans.Runtime");
    private static readonly ActivitySource Application = new("Microsoft.Orleans.Application");
    private static readonly ActivitySource Http = new("Pi.Orleans.Api.Tests.Http");
    private static readonly ActivitySource PiSource = new("Pi.Orleans");

    [Theory]
    [InlineData(null, null, "pi-orleans-worker")]
    [InlineData("x", null, "x")]
    [InlineData(null, "service.name=y,deployment.environment=test", "y")]
    [InlineData("x", "service.name=y", "x")]
    public void TheServiceNameFollowsTheOtelVariablesAndFallsBackToOurs(string? serviceName, string? attributes, string expected)
    {
        using var app = Build(new() { ["OTEL_SERVICE_NAME"] = serviceName, ["OTEL_RESOURCE_ATTRIBUTES"] = attributes });

        var resource = app.Services.GetRequiredService<MeterProvider>().GetResource().Attributes.ToDictionary();

        Assert.Equal(expected, resource["service.name"]);
        Assert.Equal(attributes?.Contains("deployment.environment", StringComparison.Ordinal) == true, resource.ContainsKey("deployment.environment"));
    }

    [Fact]
    public void LogsGoThroughOpenTelemetryWithTheirMessageWhenOtlpIsConfigured()
    {
        var messages = new List<string?>();
        using var app = Build(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = OtlpEndpoint() }, services =>
            services.ConfigureOpenTelemetryLoggerProvider(logs => logs.AddProcessor(new LogCapture(messages))));

        app.Services.GetRequiredService<ILogger<TelemetryTests>>().LogWarning("Calculation {CalculationId} stalled", "c-1");

        Assert.Equal(["Calculation c-1 stalled"], messages);
    }

    [Fact]
    public void WithoutOtlpNoLogRecordIsMade()
    {
        var messages = new List<string?>();
        using var app = Build([], services => services.ConfigureOpenTelemetryLoggerProvider(logs => logs.AddProcessor(new LogCapture(messages))));

        app.Services.GetRequiredService<ILogger<TelemetryTests>>().LogWarning("Calculation {CalculationId} stalled", "c-1");

        Assert.Empty(messages);
    }

    [Fact]
    public void ACalculationKeepsItsGrainCallsAndOrleansOwnCallsWithinIt()
    {
        var exported = Trace([], start =>
        {
            using var request = start(Http, "POST /api/calculate", ActivityKind.Server, default);
            using (start(Application, "ICalculationGrain/StartAsync", ActivityKind.Client, default))
            using (start(Runtime, "IRemoteGrainDirectory/RegisterAsync", ActivityKind.Client, default))
            {
            }

            // The calculation fans out on another silo: the incoming call carries the caller's context.
            using var fanOut = start(Application, "IChunkGrain/ComputeAsync", ActivityKind.Client, default);
            using (start(Application, "IChunkGrain/ComputeAsync", ActivityKind.Server, Remote(fanOut!)))
            {
            }
        });

        Assert.Equal(
            ["ICalculationGrain/StartAsync", "IChunkGrain/ComputeAsync", "IChunkGrain/ComputeAsync", "IRemoteGrainDirectory/RegisterAsync", "POST /api/calculate"],
            exported.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OrleansPeriodicCallsAndWhatTheyCauseAreDropped()
    {
        var exported = Trace([], start =>
        {
            using (var ping = start(Runtime, "IMembershipService/Ping", ActivityKind.Client, default))
            using (start(Runtime, "IMembershipService/Ping", ActivityKind.Server, Remote(ping!)))
            {
            }

            using (start(Runtime, "IDeploymentLoadPublisher/UpdateRuntimeStatistics", ActivityKind.Server, default))
            {
            }

            using (start(Runtime, "IGrainTimerInvoker/InvokeCallbackAsync", ActivityKind.Server, default))
            using (start(Application, "ICalculationIndexGrain/RecordAsync", ActivityKind.Client, default))
            {
            }

            // The Api's slot readings every few seconds: our own grain calls, but no request made them.
            using (start(Application, "ISlotsService/GetSlotsAsync", ActivityKind.Client, default))
            {
            }
        });

        Assert.Empty(exported);
    }

    [Fact]
    public void AReminderTickIsKeptForTheCalculationItResumes()
    {
        var exported = Trace([], start =>
        {
            using (start(Runtime, "IRemindable/ReceiveReminder", ActivityKind.Server, default))
            using (start(PiSource, "pi.calculation", ActivityKind.Internal, default))
            {
            }
        });

        Assert.Equal(["IRemindable/ReceiveReminder", "pi.calculation"], exported.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TurnedOffBackgroundGrainCallsAreKept()
    {
        var exported = Trace(new() { ["Telemetry:Traces:DropBackgroundGrainCalls"] = "false" }, start =>
        {
            using (start(Runtime, "IMembershipService/Ping", ActivityKind.Client, default))
            {
            }
        });

        Assert.Equal(["IMembershipService/Ping"], exported);
    }

    [Fact]
    public void SpansNamedByAConfiguredPrefixAreDroppedWithWhatTheyCause()
    {
        var exported = Trace(new() { ["Telemetry:Traces:DropNamePrefixes:0"] = "GET /dashboard" }, start =>
        {
            using (start(Http, "GET /dashboard/DashboardCounters", ActivityKind.Server, default))
            using (start(Application, "IDashboardGrain/GetCounters", ActivityKind.Client, default))
            {
            }

            using (start(Http, "GET /api/calculate/{id}", ActivityKind.Server, default))
            {
            }
        });

        Assert.Equal(["GET /api/calculate/{id}"], exported);
    }

    [Fact]
    public async Task ARealCalculationKeepsItsWholeTraceAndNoBackgroundGrainCallIsExported()
    {
        var exported = new List<Activity>();
        var traceId = ActivityTraceId.CreateRandom();
        await using var api = new TracedApi(exported);
        var http = api.CreateClient();

        // The request's own trace: every span of the calculation carries this id.
        http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using (var client = new PiApiClient(http))
        {
            var accepted = await client.SubmitAsync(100_000_000, "distributed", 7, TestContext.Current.CancellationToken);
            Assert.Equal("completed", (await client.WaitFinishedAsync(accepted.Id, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken)).Status);
        }

        // Stopped first: nothing is exported any more while the spans are read.
        await api.DisposeAsync();
        var mine = exported.Where(a => a.TraceId == traceId).Select(a => a.DisplayName).ToHashSet();
        Assert.Superset(new HashSet<string> { "ICalculationGrain/StartAsync", "pi.calculation", "IChunkGrain/ComputeAsync", "pi.chunk" }, mine);
        Assert.DoesNotContain(exported, a => TelemetryExtensions.OrleansSources.Contains(a.Source.Name) && a.ParentSpanId == default
            && a.DisplayName != "IRemindable/ReceiveReminder");
    }

    // The spans of run exported through the pipeline AddPiTelemetry builds with OTLP configured. Any span started in this process
    // from these sources reaches that pipeline (other tests' silos and requests too): only those run started, tagged, are counted.
    private static List<string> Trace(Dictionary<string, string?> settings, Action<Func<ActivitySource, string, ActivityKind, ActivityContext, Activity?>> run)
    {
        var exported = new List<Activity>();
        var mark = Guid.NewGuid().ToString();
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = OtlpEndpoint();
        using (var app = Build(settings, services =>
            services.ConfigureOpenTelemetryTracerProvider(traces => traces.AddSource(Http.Name).AddInMemoryExporter(exported))))
        {
            _ = app.Services.GetRequiredService<TracerProvider>();
            run((source, name, kind, parent) => source.StartActivity(name, kind, parent, [new(Mark, mark)]));
        }

        lock (exported)
        {
            return [.. exported.Where(a => Equals(a.GetTagItem(Mark), mark)).Select(a => a.DisplayName)];
        }
    }

    // Where nothing listens: the exporter's attempts fail at once.
    private static string OtlpEndpoint() => $"http://127.0.0.1:{FreePort.Next()}";

    private static ActivityContext Remote(Activity caller) => new(caller.TraceId, caller.SpanId, caller.ActivityTraceFlags, isRemote: true);

    private static WebApplication Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseKestrelCore();
        builder.Services.AddLogging();
        builder.AddPiTelemetry(SiloRole.Worker);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    // The embedded Api in this process with OTLP configured (nowhere to send to) and an in-memory exporter next to it.
    private sealed class TracedApi(List<Activity> exported) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Pi:ChunkPoints", (1 << 22).ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Pi:ChunkDuration", "00:00:00");
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", OtlpEndpoint());
            builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(traces => traces.AddInMemoryExporter(exported)));
        }
    }

    private sealed class LogCapture(List<string?> messages) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data) => messages.Add(data.FormattedMessage);
    }
}
