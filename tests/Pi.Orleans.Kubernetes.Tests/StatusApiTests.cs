using System.Diagnostics;
using System.Text.Json.Nodes;
using Pi.Orleans.Kubernetes.Tests.Fake;
using Pi.Orleans.Kubernetes.Tests.Infrastructure;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>GET /api/k8s/status against the fake API: pods, HPA, silos, mismatches, and 403 and slow answers.</summary>
[Collection(KubernetesClusterCollection.Name)]
[Step(1)]
public sealed class StatusApiTests(KubernetesClusterFixture cluster)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StatusListsThePodsTheHpaAndTheSilosWithNoMismatch()
    {
        var status = await WaitForThreeSilosAsync();

        var kubernetes = status["kubernetes"]!;
        Assert.True(kubernetes["available"]!.GetValue<bool>(), kubernetes.ToJsonString());
        Assert.Null(kubernetes["reason"]);
        Assert.Equal(KubernetesClusterFixture.Namespace, kubernetes["namespace"]!.GetValue<string>());
        Assert.Equal($"orleans/serviceId={KubernetesClusterFixture.ServiceId},orleans/clusterId={cluster.ClusterId}", kubernetes["label_selector"]!.GetValue<string>());
        Assert.Equal(3, kubernetes["pod_count"]!.GetValue<int>());
        var pods = kubernetes["pods"]!.AsArray();
        Assert.Equal(KubernetesClusterFixture.AllPods, pods.Select(p => p!["name"]!.GetValue<string>()));
        for (var i = 0; i < pods.Count; i++)
        {
            var pod = pods[i]!;
            Assert.Equal("Running", pod["phase"]!.GetValue<string>());
            Assert.True(pod["ready"]!.GetValue<bool>());
            Assert.Equal($"node-{i % 2}", pod["node"]!.GetValue<string>());
            Assert.Equal(KubernetesClusterFixture.PodIp(pod["name"]!.GetValue<string>()), pod["ip"]!.GetValue<string>());
            Assert.InRange(pod["age_seconds"]!.GetValue<double>(), 170, 3600);
            Assert.Equal(i, pod["restarts"]!.GetValue<int>());
        }

        var hpa = kubernetes["hpa"]!;
        Assert.Null(kubernetes["hpa_reason"]);
        Assert.Equal(KubernetesClusterFixture.HpaName, hpa["name"]!.GetValue<string>());
        Assert.Equal([2, 2, 1, 5, 42, 70], new[] { "current_replicas", "desired_replicas", "min_replicas", "max_replicas", "current_cpu_utilization", "target_cpu_utilization" }.Select(k => hpa[k]!.GetValue<int>()));
        Assert.NotNull(hpa["last_scale_time"]);
        Assert.Equal(["AbleToScale", "ScalingActive"], hpa["conditions"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()));

        var silos = status["orleans"]!["silos"]!.AsArray();
        Assert.Equal(KubernetesClusterFixture.AllPods, silos.Select(s => s!["name"]!.GetValue<string>()));
        Assert.All(silos, s =>
        {
            Assert.Equal("Active", s!["status"]!.GetValue<string>());
            Assert.StartsWith(KubernetesClusterFixture.PodIp(s["name"]!.GetValue<string>()) + ":", s["address"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.All(silos.Where(s => s!["name"]!.GetValue<string>() != KubernetesClusterFixture.FrontPod), s =>
        {
            Assert.True(s!["runs_chunks"]!.GetValue<bool>());
            Assert.Equal(2, s["slots_total"]!.GetValue<int>());
        });
        Assert.Empty(status["mismatch"]!["silos_without_pod"]!.AsArray());
        Assert.Empty(status["mismatch"]!["pods_without_silo"]!.AsArray());
    }

    [Fact]
    public async Task StatusNamesALabelledPodThatHasNoSilo()
    {
        await WaitForThreeSilosAsync();
        const string Pending = "pi-orleans-worker-6f7c8d9b5-pending";
        var template = cluster.Fake.Pods.Get(KubernetesClusterFixture.Namespace, KubernetesClusterFixture.WorkerPods[0])!;
        template["metadata"]!["name"] = Pending;
        cluster.Fake.Pods.Put(template);
        try
        {
            var status = await cluster.Api.Http.GetJsonAsync("/api/k8s/status", Token);

            Assert.Equal(4, status["kubernetes"]!["pod_count"]!.GetValue<int>());
            Assert.Equal([Pending], status["mismatch"]!["pods_without_silo"]!.AsArray().Select(p => p!.GetValue<string>()));
            Assert.Empty(status["mismatch"]!["silos_without_pod"]!.AsArray());
        }
        finally
        {
            cluster.Fake.Pods.Delete(KubernetesClusterFixture.Namespace, Pending);
        }
    }

    [Fact]
    public async Task StatusAnswersForbiddenWithTheOrleansPartWhenTheRoleDeniesTheCall()
    {
        await WaitForThreeSilosAsync();
        cluster.Fake.Mode = FakeMode.Forbidden;
        JsonNode status;
        try
        {
            status = await cluster.Api.Http.GetJsonAsync("/api/k8s/status", Token);
        }
        finally
        {
            cluster.Fake.Mode = FakeMode.Normal;
        }

        Assert.False(status["kubernetes"]!["available"]!.GetValue<bool>());
        Assert.StartsWith("forbidden", status["kubernetes"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(status["kubernetes"]!["pods"]);
        Assert.Null(status["mismatch"]);
        Assert.Equal(3, status["orleans"]!["silo_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task StatusAnswersTimeoutWithinTheTimeBoxWhenTheApiIsSlow()
    {
        await WaitForThreeSilosAsync();
        cluster.Fake.SlowDelay = TimeSpan.FromSeconds(20);
        cluster.Fake.Mode = FakeMode.Slow;
        JsonNode status;
        var clock = Stopwatch.StartNew();
        try
        {
            status = await cluster.Api.Http.GetJsonAsync("/api/k8s/status", Token);
        }
        finally
        {
            cluster.Fake.Mode = FakeMode.Normal;
        }

        Assert.InRange(clock.Elapsed, KubernetesClusterFixture.KubernetesTimeout - TimeSpan.FromMilliseconds(100), KubernetesClusterFixture.KubernetesTimeout + TimeSpan.FromSeconds(5));
        Assert.False(status["kubernetes"]!["available"]!.GetValue<bool>());
        Assert.StartsWith("timeout", status["kubernetes"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, status["orleans"]!["silo_count"]!.GetValue<int>());
    }

    private async Task<JsonNode> WaitForThreeSilosAsync()
    {
        JsonNode? status = null;
        await HttpJson.WaitUntilAsync(
            async () =>
            {
                status = await cluster.Api.Http.GetJsonAsync("/api/k8s/status", Token);
                return status["orleans"]!["silo_count"]!.GetValue<int>() == 3 && status["kubernetes"]!["available"]!.GetValue<bool>();
            },
            TimeSpan.FromSeconds(45),
            "three active silos and the Kubernetes API in /api/k8s/status",
            Token);
        return status!;
    }
}
