using Pi.Orleans.Kubernetes.Tests.Fake;

namespace Pi.Orleans.Kubernetes.Tests.Infrastructure;

/// <summary>The rules of the chart's two Roles (manifests/chart/templates/role.yaml): everything each role's code may call, in its own namespace.</summary>
public static class RbacRules
{
    /// <summary>The Api's Role: (API group, resource) → verbs.</summary>
    public static readonly IReadOnlyDictionary<(string ApiGroup, string Resource), string[]> Api = new Dictionary<(string, string), string[]>
    {
        [("", "pods")] = ["get", "list", "watch"],
        [("autoscaling", "horizontalpodautoscalers")] = ["get"],
        [("metrics.k8s.io", "pods")] = ["list"],
    };

    /// <summary>The workers' Role: (API group, resource) → verbs.</summary>
    public static readonly IReadOnlyDictionary<(string ApiGroup, string Resource), string[]> Worker = new Dictionary<(string, string), string[]>
    {
        [("", "pods")] = ["get", "list", "watch", "patch"],
    };

    /// <summary>Whether <paramref name="rules"/> allow the request in <paramref name="ns"/>.</summary>
    public static bool Allows(IReadOnlyDictionary<(string ApiGroup, string Resource), string[]> rules, KubernetesRequest request, string ns) =>
        request.Namespace == ns && rules.TryGetValue((request.ApiGroup, request.Resource), out var verbs) && verbs.Contains(request.Verb);
}
