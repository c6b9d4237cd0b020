using Microsoft.Extensions.Configuration;

namespace Pi.Orleans.Hosting.Kubernetes;

/// <summary>Whether this process is in a pod, whether its silo uses Kubernetes hosting, and its pod.</summary>
public sealed record KubernetesMode(bool InCluster, bool Hosting, KubernetesPod? Pod, string ApiUrl)
{
    /// <summary>Reads the mode from configuration; Kubernetes hosting needs a pod and Redis mode.</summary>
    public static KubernetesMode Detect(IConfiguration configuration, bool redisMode)
    {
        var inCluster = KubernetesPod.IsInCluster(configuration);
        return new KubernetesMode(
            inCluster,
            inCluster && redisMode,
            inCluster ? KubernetesPod.From(configuration) : null,
            configuration[$"{KubernetesOptions.SectionName}:{nameof(KubernetesOptions.ApiUrl)}"] ?? "");
    }
}
