using Pi.Orleans.Kubernetes.Tests.Fake;

namespace Pi.Orleans.Kubernetes.Tests.Infrastructure;

/// <summary>The rules of the chart's Role (manifests/chart/templates/role.yaml): everything the code may call, in its own namespace.</summary>
public static class RbacRules
{
    /// <summary>(API group, resource) → verbs.</summary>
    public static readonly IReadOnlyDictionary<(string ApiGroup, string Resource), string[]> Rules = new Dictionary<(string, string), string[]>
    {
        [("", "pods")] = ["get", "list", "watch", "patch"],
        [("autoscaling", "horizontalpodautoscalers")] = ["get", "list"],
        [("metrics.k8s.io", "pods")] = ["get", "list"],
    };

    /// <summary>Whether the Role allows the request in <paramref name="ns"/>.</summary>
    public static bool Allows(KubernetesRequest request, string ns) =>
        request.Namespace == ns && Rules.TryGetValue((request.ApiGroup, request.Resource), out var verbs) && verbs.Contains(request.Verb);
}
