using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using Pi.Orleans.Hosting;

namespace Pi.Orleans.Api.Tests;

public sealed class TelemetryTests
{
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

    // Where nothing listens: the exporter's attempts fail at once.
    private static string OtlpEndpoint() => $"http://127.0.0.1:{FreePort.Next()}";

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

    private sealed class LogCapture(List<string?> messages) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data) => messages.Add(data.FormattedMessage);
    }
}
