using Pi.Orleans.Manifests.Tests.Infrastructure;

namespace Pi.Orleans.Manifests.Tests;

/// <summary>Production values fail the render with a clear message for an unmet precondition, and skip what the cluster cannot take.</summary>
public sealed class ProductionPreconditionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string ProductionValues => Path.Combine(Helm.ChartPath, ValuesFiles.Production);

    [Fact]
    public async Task WithoutARegistryTheRenderFailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Helm.RunRawAsync(["template", Helm.Release, Helm.ChartPath, "-n", Helm.Release, "-f", ProductionValues], Token));

        Assert.Contains("image.registry is required", error.Message);
    }

    [Fact]
    public async Task WithoutTheServiceMonitorApiTheChartRendersNeitherTheServiceMonitorNorItsService()
    {
        var yaml = await Helm.RunRawAsync(["template", Helm.Release, Helm.ChartPath, "-n", Helm.Release, "-f", ProductionValues, "--set", "image.registry=registry.test/"], Token);
        var rendered = RenderedChart.Load(yaml);

        Assert.Empty(rendered.CustomResources("ServiceMonitor"));
        Assert.DoesNotContain(rendered.OfType<k8s.Models.V1Service>(), s => s.Metadata.Name.EndsWith("-silo-metrics", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HelmLintPassesStrictlyOnProductionValuesAsWritten()
    {
        var output = await Helm.RunRawAsync(["lint", "--strict", Helm.ChartPath, "-n", Helm.Release, "-f", ProductionValues], Token);

        Assert.Contains("0 chart(s) failed", output);
    }
}
