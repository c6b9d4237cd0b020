using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
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

    private static WebApplication Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseKestrelCore();
        builder.AddPiTelemetry(SiloRole.Worker);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
