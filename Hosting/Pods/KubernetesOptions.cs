using System.ComponentModel.DataAnnotations;

namespace Pi.Orleans.Hosting.Pods;

/// <summary>How silos and the Api talk to the Kubernetes API, bound from the "Kubernetes" configuration section.</summary>
public sealed class KubernetesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Kubernetes";

    /// <summary>An API server URL used without authentication instead of the in-cluster configuration (tests point it at a fake). Default: empty (in-cluster).</summary>
    public string ApiUrl { get; set; } = "";

    /// <summary>Longest time one Kubernetes API call may take before it is given up. Default: 3 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Shortest time between two pod-deletion-cost patches of a worker's own pod. Default: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan DeletionCostInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The worker HorizontalPodAutoscaler that GET /api/k8s/status reports. Default: pi-orleans-worker.</summary>
    [Required]
    public string HpaName { get; set; } = "pi-orleans-worker";
}
