using System.Diagnostics;
using Pi.Orleans.Kubernetes.Tests.Infrastructure;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>Deleting a silo's pod (a Deleted watch event) makes the hosting package's agents declare that silo dead.</summary>
[Collection(KubernetesClusterCollection.Name)]
[Step(5)]
public sealed class PodDeletionTests(KubernetesClusterFixture cluster)
{
    private static readonly TimeSpan DropTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.WriteLine(line);
    }

    [Fact]
    public async Task DeletingAPodMakesTheClusterDropItsSilo()
    {
        var victim = KubernetesClusterFixture.WorkerPods[1];
        await HttpJson.WaitUntilAsync(() => Task.FromResult(cluster.Fake.Pods.OpenWatches > 0), TimeSpan.FromSeconds(15), "an agent watching the pods", Token);
        var watches = cluster.Fake.Pods.OpenWatches;

        var clock = Stopwatch.StartNew();
        cluster.Fake.Pods.Delete(KubernetesClusterFixture.Namespace, victim);
        await HttpJson.WaitUntilAsync(async () => !(await cluster.Api.Http.SiloNamesAsync(Token)).Contains(victim), DropTimeout, $"{victim} to leave /api/cluster", Token);
        var dropped = clock.Elapsed;

        // The process itself learns it was declared dead at its next membership refresh and stops (Orleans fails fast); in a cluster the
        // kubelet has sent it SIGTERM by then anyway, so the test does not wait for that.
        Report($"pod {victim} deleted ({watches} open watch(es)): silo gone from /api/cluster after {dropped.TotalMilliseconds:0} ms");
        Assert.Equal([KubernetesClusterFixture.FrontPod, KubernetesClusterFixture.WorkerPods[0]], await cluster.Api.Http.SiloNamesAsync(Token));
        Assert.False(cluster.Workers[0].HasExited);
    }
}
