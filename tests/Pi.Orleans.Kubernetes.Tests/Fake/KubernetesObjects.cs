using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Pi.Orleans.Kubernetes.Tests.Fake;

/// <summary>The JSON of the objects the fake serves, built from the client's own models so their shape is the real one.</summary>
public static class KubernetesObjects
{
    /// <summary>A running, ready pod with one container named "silo".</summary>
    public static JsonObject Pod(string ns, string name, IReadOnlyDictionary<string, string> labels, string node, string ip, DateTime created, int restarts = 0) =>
        ToJson(new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Uid = Guid.NewGuid().ToString(),
                Labels = new Dictionary<string, string>(labels),
                CreationTimestamp = created,
            },
            Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "silo", Image = "pi-orleans-silo:test" }] },
            Status = new V1PodStatus
            {
                Phase = "Running",
                PodIP = ip,
                StartTime = created,
                Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }],
                ContainerStatuses = [new V1ContainerStatus { Name = "silo", Image = "pi-orleans-silo:test", ImageID = "", Ready = true, RestartCount = restarts }],
            },
        });

    /// <summary>An autoscaling/v2 HPA on CPU utilization with its status filled in.</summary>
    public static JsonObject Hpa(string ns, string name, int current, int desired, int min, int max, int currentCpu, int targetCpu, DateTime lastScale) =>
        ToJson(new V2HorizontalPodAutoscaler
        {
            ApiVersion = "autoscaling/v2",
            Kind = "HorizontalPodAutoscaler",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, CreationTimestamp = lastScale.AddHours(-1) },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                MinReplicas = min,
                MaxReplicas = max,
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = name },
                Metrics = [new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = targetCpu } },
                }],
            },
            Status = new V2HorizontalPodAutoscalerStatus
            {
                CurrentReplicas = current,
                DesiredReplicas = desired,
                LastScaleTime = lastScale,
                CurrentMetrics = [new V2MetricStatus
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricStatus { Name = "cpu", Current = new V2MetricValueStatus { AverageUtilization = currentCpu } },
                }],
                Conditions =
                [
                    new V2HorizontalPodAutoscalerCondition { Type = "AbleToScale", Status = "True", Reason = "ReadyForNewScale", Message = "recommended size matches current size" },
                    new V2HorizontalPodAutoscalerCondition { Type = "ScalingActive", Status = "True", Reason = "ValidMetricFound", Message = "the HPA was able to compute the replica count from cpu resource utilization" },
                ],
            },
        });

    /// <summary>A metrics.k8s.io PodMetrics item for a pod with one container.</summary>
    public static JsonObject PodMetrics(JsonObject pod, string cpu, string memory, DateTime at) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = pod["metadata"]!["name"]!.DeepClone(),
            ["namespace"] = pod["metadata"]!["namespace"]!.DeepClone(),
            ["labels"] = pod["metadata"]!["labels"]?.DeepClone(),
            ["creationTimestamp"] = at.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        },
        ["timestamp"] = at.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["window"] = "30s",
        ["containers"] = new JsonArray(new JsonObject { ["name"] = "silo", ["usage"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory } }),
    };

    /// <summary>A list object ("PodList", "PodMetricsList", ...).</summary>
    public static JsonObject List(string kind, string apiVersion, long resourceVersion, IEnumerable<JsonNode> items) => new()
    {
        ["kind"] = kind,
        ["apiVersion"] = apiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString() },
        ["items"] = new JsonArray([.. items.Select(i => i.DeepClone())]),
    };

    /// <summary>A failure Status object, as the API server sends with 403, 404 and the like.</summary>
    public static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private static JsonObject ToJson<T>(T model) => JsonNode.Parse(KubernetesJson.Serialize(model))!.AsObject();
}
