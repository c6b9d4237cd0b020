using Pi.Orleans.Experiments.Kubernetes;

namespace Pi.Orleans.Experiments.Tests;

public sealed class KubernetesSnapshotTests
{
    private const string Json = """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"kind": "HorizontalPodAutoscaler", "metadata": {"name": "pi-orleans-silo"},
           "status": {"currentReplicas": 2, "desiredReplicas": 3,
                      "currentMetrics": [{"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 187, "averageValue": "935m"}}}]}},
          {"kind": "Pod", "metadata": {"name": "pi-orleans-silo-a", "labels": {"app.kubernetes.io/component": "silo"}},
           "status": {"conditions": [{"type": "Ready", "status": "True"}]}},
          {"kind": "Pod", "metadata": {"name": "pi-orleans-silo-b", "labels": {"app.kubernetes.io/component": "silo"}},
           "status": {"conditions": [{"type": "Ready", "status": "False"}]}},
          {"kind": "Pod", "metadata": {"name": "pi-orleans-silo-c", "deletionTimestamp": "2026-01-01T00:00:00Z", "labels": {"app.kubernetes.io/component": "silo"}},
           "status": {"conditions": [{"type": "Ready", "status": "True"}]}},
          {"kind": "Pod", "metadata": {"name": "pi-orleans-api-x", "labels": {"app.kubernetes.io/component": "api"}},
           "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
        ]}
        """;

    [Fact]
    public void ReadsTheWorkerHpaAndCountsLiveWorkerPods()
    {
        var snapshot = KubernetesSnapshot.Parse(Json, "pi-orleans-silo");

        Assert.Equal(new KubernetesSnapshot(2, 3, 187, 2, 1), snapshot);
    }

    [Fact]
    public void AnotherHpaNameLeavesTheHpaColumnsEmpty()
    {
        var snapshot = KubernetesSnapshot.Parse(Json, "other");

        Assert.Equal((null, null, null), (snapshot.HpaCurrent, snapshot.HpaDesired, snapshot.CpuUtilizationPercent));
    }
}
