using System.Net;
using Pi.Orleans.Manifests.Tests.Infrastructure;
using Pi.Orleans.Testing;

namespace Pi.Orleans.Manifests.Tests;

public sealed class ProbePathTests(ChartFixture chart)
{
    [Fact]
    public async Task EveryProbePathTheChartUsesAnswers200OnTheBuiltApi()
    {
        var paths = chart[ValuesFiles.Default].SiloDeployments
            .SelectMany(d => d.Spec.Template.Spec.Containers)
            .SelectMany(c => new[] { c.StartupProbe, c.ReadinessProbe, c.LivenessProbe })
            .Select(p => p.HttpGet.Path)
            .Distinct()
            .ToList();
        await using var api = HostProcess.Start("api", RepositoryPaths.HostDll("Api", "Pi.Orleans.Api"), new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
        });
        await api.WaitReadyAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(3, paths.Count);
        foreach (var path in paths)
        {
            using var response = await api.Http.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}\n{api.Output}");
        }
    }
}
