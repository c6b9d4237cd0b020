using System.Diagnostics;
using System.Net;
using Pi.Orleans.Kubernetes.Tests.Infrastructure;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>On SIGTERM a silo answers 503 on /health/ready at once and keeps answering through Shutdown:ReadinessDelay, then stops.</summary>
[Collection(KubernetesClusterCollection.Name)]
[Step(6)]
public sealed class GracefulShutdownTests(KubernetesClusterFixture cluster)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigtermTurnsTheSiloNotReadyAtOnceAndItKeepsAnsweringThroughTheDrainDelay()
    {
        var worker = cluster.Workers[0];
        using (var ready = await worker.Http.GetAsync("/health/ready", Token))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        var stopping = worker.StopAsync(TimeSpan.FromSeconds(40));
        TimeSpan? firstNotReady = null;
        var lastNotReady = TimeSpan.Zero;
        await Eventually.SampleUntilAsync(stopping, async token =>
        {
            try
            {
                using var response = await worker.Http.GetAsync("/health/ready", token);
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable || firstNotReady is null, $"ready again after {firstNotReady}");
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    firstNotReady ??= clock.Elapsed;
                    lastNotReady = clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Kestrel has stopped listening.
            }
        }, Token, TimeSpan.FromMilliseconds(50));

        await stopping;
        var exited = clock.Elapsed;
        Assert.True(worker.HasExited);
        Assert.True(exited >= KubernetesClusterFixture.ReadinessDelay, $"exited after {exited}, before the readiness delay");
        Assert.NotNull(firstNotReady);
        Assert.True(firstNotReady < TimeSpan.FromSeconds(2), $"first 503 after {firstNotReady}");
        Assert.True(lastNotReady >= KubernetesClusterFixture.ReadinessDelay - TimeSpan.FromMilliseconds(500), $"503 answered only until {lastNotReady}");
    }
}
