using Pi.Orleans.Kubernetes.Tests.Fake;
using Pi.Orleans.Kubernetes.Tests.Infrastructure;

namespace Pi.Orleans.Kubernetes.Tests;

/// <summary>
/// Every Kubernetes API call the Api and the workers made during the run is one their own Role grants, and nothing else was called.
/// Each kind of pod reaches the fake on its own port, so the calls are split by caller.
/// </summary>
[Collection(KubernetesClusterCollection.Name)]
[Step(7)]
public sealed class RbacTests(KubernetesClusterFixture cluster)
{
    [Fact]
    public void EveryCallOfTheApiIsCoveredByTheApiRoleAndNothingElseWasCalled()
    {
        var requests = Of(new Uri(cluster.Fake.Url).Port);

        Assert.Empty(requests.Where(r => !RbacRules.Allows(RbacRules.Api, r, KubernetesClusterFixture.Namespace)).Select(r => r.ToString()));
        Assert.Equal(
            ["get horizontalpodautoscalers (autoscaling)", "get pods (core)", "list pods (core)", "list pods (metrics.k8s.io)", "watch pods (core)"],
            Calls(requests, "api"));
    }

    [Fact]
    public void EveryCallOfTheWorkersIsCoveredByTheWorkerRoleAndNothingElseWasCalled()
    {
        var requests = Of(new Uri(cluster.Fake.WorkerUrl).Port);

        Assert.Empty(requests.Where(r => !RbacRules.Allows(RbacRules.Worker, r, KubernetesClusterFixture.Namespace)).Select(r => r.ToString()));
        Assert.Equal(["get pods (core)", "list pods (core)", "patch pods (core)", "watch pods (core)"], Calls(requests, "workers"));
    }

    [Fact]
    public void EveryRequestCameFromOneOfTheTwoCallers()
    {
        int[] ports = [new Uri(cluster.Fake.Url).Port, new Uri(cluster.Fake.WorkerUrl).Port];

        Assert.All(cluster.Fake.Requests, r => Assert.Contains(r.Port, ports));
    }

    private List<KubernetesRequest> Of(int port) => [.. cluster.Fake.Requests.Where(r => r.Port == port)];

    private static List<string> Calls(IReadOnlyList<KubernetesRequest> requests, string caller)
    {
        var calls = requests.Select(r => $"{r.Verb} {r.Resource} ({(r.ApiGroup.Length == 0 ? "core" : r.ApiGroup)})").Distinct().Order(StringComparer.Ordinal).ToList();
        var lines = requests.Select(r => $"{r.Method} {r.Path}{r.Query} -> {r.StatusCode}").Distinct().Order(StringComparer.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine($"{caller}: {requests.Count} requests: {string.Join("; ", calls)}\n{string.Join('\n', lines)}");
        return calls;
    }
}
