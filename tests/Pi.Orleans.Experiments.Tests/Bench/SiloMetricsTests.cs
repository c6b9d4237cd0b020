using Pi.Orleans.Experiments.Bench;

namespace Pi.Orleans.Experiments.Tests.Bench;

/// <summary>The series the bench reads are ones the real Api exposes: renamed ones would read as "?" and nobody would notice.</summary>
public sealed class SiloMetricsTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    [Fact]
    public async Task TheLoadTestReadsTheCalculationGrainsAndTheHeapOfARealApi()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var calculation = await api.Client.SubmitAsync(50_000_000, "distributed", 7, cancellationToken);
        await api.Client.WaitFinishedAsync(calculation.Id, TimeSpan.FromSeconds(60), cancellationToken);

        var described = await SiloMetrics.ReadAsync(api.Http, new Uri(api.Url + "/"), cancellationToken);

        Assert.Matches(@"^calculation_grains=\d+ managed_mib=[1-9]\d*$", described);
    }

    [Fact]
    public async Task TheStarvationProbeReadsTheThreadPoolOfARealApi()
    {
        var metrics = await api.Http.GetStringAsync(new Uri(api.Url + "/metrics"), TestContext.Current.CancellationToken);

        Assert.NotNull(PrometheusText.Sum(metrics, PoolProbe.QueueLength));
        Assert.True(PrometheusText.Sum(metrics, PoolProbe.ThreadCount) >= 1);
    }
}
