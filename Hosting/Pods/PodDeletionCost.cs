using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Pi.Orleans.Hosting.Pods;

/// <summary>The pod annotation the ReplicaSet controller reads to pick which pods to remove first on scale-down (lowest cost first).</summary>
public static class PodDeletionCost
{
    /// <summary>The annotation key.</summary>
    public const string Annotation = "controller.kubernetes.io/pod-deletion-cost";

    /// <summary>A JSON merge patch that sets the annotation to <paramref name="cost"/>.</summary>
    public static V1Patch Patch(int cost)
    {
        var body = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Annotation] = cost.ToString(CultureInfo.InvariantCulture) } },
        };
        return new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
    }
}
