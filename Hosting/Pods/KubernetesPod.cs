using Microsoft.Extensions.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Pi.Orleans.Hosting.Pods;

/// <summary>This process's pod, as the downward API describes it (POD_NAMESPACE, POD_NAME).</summary>
public sealed record KubernetesPod(string Namespace, string Name)
{
    /// <summary>The variable Kubernetes sets in every container; its presence means "running in a pod".</summary>
    public const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";

    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>Whether this process runs in a Kubernetes pod.</summary>
    public static bool IsInCluster(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[ServiceHostVariable]);

    /// <summary>Reads the pod from configuration (environment); the namespace falls back to the service account's, then "default".</summary>
    public static KubernetesPod From(IConfiguration configuration)
    {
        var ns = configuration[KubernetesHostingOptions.PodNamespaceEnvironmentVariable];
        if (string.IsNullOrWhiteSpace(ns))
        {
            ns = File.Exists(ServiceAccountNamespaceFile) ? File.ReadAllText(ServiceAccountNamespaceFile).Trim() : "default";
        }

        var name = configuration[KubernetesHostingOptions.PodNameEnvironmentVariable];
        return new KubernetesPod(ns, string.IsNullOrWhiteSpace(name) ? Environment.MachineName : name);
    }

    /// <summary>The label selector of the pods of one Orleans cluster, as the hosting package labels them.</summary>
    public static string LabelSelector(string serviceId, string clusterId) =>
        $"{KubernetesHostingOptions.ServiceIdLabel}={serviceId},{KubernetesHostingOptions.ClusterIdLabel}={clusterId}";
}
