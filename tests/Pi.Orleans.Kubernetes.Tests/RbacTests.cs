using Pi.Orleans.Kubernetes.Tests.Infrastructure;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>Every Kubernetes API call the silos and the Api made during the run is one the chart's Role grants, and nothing else was called.</summary>
[Collection(KubernetesClusterCollection.Name)]
[Step(7)]
public sealed class RbacTests(KubernetesClusterFixture cluster)
{
    [Fact]
    public void EveryCallIsCoveredByTheRoleAndNothingElseWasCalled()
    {
        var requests = cluster.Fake.Requests;
        var calls = requests.Select(r => $"{r.Verb} {r.Resource} ({(r.ApiGroup.Length == 0 ? "core" : r.ApiGroup)})").Distinct().Order(StringComparer.Ordinal).ToList();
        var report = $"Kubernetes API calls made ({requests.Count} requests): {string.Join("; ", calls)}";
        var requestLines = requests.Select(r => $"{r.Method} {r.Path}{r.Query} -> {r.StatusCode}").Distinct().Order(StringComparer.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine(report + "\n" + string.Join('\n', requestLines));
        Console.WriteLine(report);

        Assert.Empty(requests.Where(r => !RbacRules.Allows(r, KubernetesClusterFixture.Namespace)).Select(r => r.ToString()));
        Assert.Equal(
            ["get horizontalpodautoscalers (autoscaling)", "get pods (core)", "list pods (core)", "list pods (metrics.k8s.io)", "patch pods (core)", "watch pods (core)"],
            calls);
    }
}
