using System.Text.Json.Nodes;
using Pi.Orleans.Kubernetes.Tests.Infrastructure;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>Worker silos keep their pod's controller.kubernetes.io/pod-deletion-cost in step with their busy slots.</summary>
[Collection(KubernetesClusterCollection.Name)]
[Step(3)]
public sealed class PodDeletionCostTests(KubernetesClusterFixture cluster)
{
    private const string Annotation = "controller.kubernetes.io/pod-deletion-cost";
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(150);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WorkersPatchTheirCostWhenBusyAndAgainWhenIdleNoMoreOftenThanTheInterval()
    {
        var since = DateTimeOffset.UtcNow;
        var id = await cluster.Api.Http.SubmitDistributedAsync(1_000_000_000_000, Token);
        try
        {
            await HttpJson.WaitUntilAsync(
                () => Task.FromResult(KubernetesClusterFixture.WorkerPods.All(pod => CostPatches(pod, since).Any(p => p.Cost > 0))),
                TimeSpan.FromSeconds(20),
                "a non-zero deletion cost patch from every worker",
                Token);
        }
        finally
        {
            using var cancelled = await cluster.Api.Http.DeleteAsync($"/api/calculate/{id}", Token);
        }

        await HttpJson.WaitUntilAsync(
            () => Task.FromResult(KubernetesClusterFixture.WorkerPods.All(pod => CostPatches(pod, since).Last().Cost == 0)),
            KubernetesClusterFixture.DeletionCostInterval * 3 + TimeSpan.FromSeconds(10),
            "every worker to patch its cost back to 0",
            Token);

        foreach (var pod in KubernetesClusterFixture.WorkerPods)
        {
            var patches = CostPatches(pod, DateTimeOffset.MinValue);
            var attempts = cluster.Fake.Requests.Where(r => r.Verb == "patch" && r.Name == pod).Select(r => $"{r.At:HH:mm:ss.fff} {r.StatusCode} {r.Body}");
            var history = $"{pod} patches:\n{string.Join('\n', attempts)}";
            var gaps = patches.Zip(patches.Skip(1), (a, b) => b.At - a.At).ToList();
            Assert.All(gaps, gap => Assert.True(gap >= KubernetesClusterFixture.DeletionCostInterval - Tolerance, $"patches {gap.TotalMilliseconds:0} ms apart; {history}"));
            TestContext.Current.TestOutputHelper?.WriteLine(history);
            Assert.Equal("0", cluster.Fake.Pods.Get(KubernetesClusterFixture.Namespace, pod)!["metadata"]!["annotations"]![Annotation]!.GetValue<string>());
        }

        Assert.Empty(CostPatches(KubernetesClusterFixture.FrontPod, DateTimeOffset.MinValue));

        // Only on change: idle workers send nothing more.
        var idleSince = DateTimeOffset.UtcNow;
        await Task.Delay(KubernetesClusterFixture.DeletionCostInterval + TimeSpan.FromSeconds(1), Token);
        Assert.DoesNotContain(cluster.Fake.Requests, r => r.Verb == "patch" && r.At >= idleSince);
    }

    private List<(DateTimeOffset At, int Cost)> CostPatches(string pod, DateTimeOffset since) =>
    [
        .. cluster.Fake.Requests
            .Where(r => r.Verb == "patch" && r.Name == pod && r.At >= since && r.StatusCode == 200 && r.Body is not null)
            .Select(r => (r.At, Cost: JsonNode.Parse(r.Body!)?["metadata"]?["annotations"]?[Annotation]?.GetValue<string>()))
            .Where(p => p.Cost is not null)
            .Select(p => (p.At, int.Parse(p.Cost!))),
    ];
}
