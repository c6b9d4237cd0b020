using System.Text.Json;

namespace Pi.Orleans.Experiments.Kubernetes;

/// <summary>
/// The worker HPA and silo pods from `kubectl get hpa,pods -o json`: HPA current and desired replicas and CPU utilization (percent of
/// request), and the worker pods (label app.kubernetes.io/component=silo) that exist and that are Ready.
/// </summary>
public sealed record KubernetesSnapshot(int? HpaCurrent, int? HpaDesired, int? CpuUtilizationPercent, int WorkerPods, int WorkerPodsReady)
{
    public static KubernetesSnapshot Parse(string json, string hpaName)
    {
        using var doc = JsonDocument.Parse(json);
        int? current = null, desired = null, cpu = null;
        int pods = 0, ready = 0;
        foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
        {
            var kind = item.GetProperty("kind").GetString();
            var metadata = item.GetProperty("metadata");
            if (kind == "HorizontalPodAutoscaler" && metadata.GetProperty("name").GetString() == hpaName && item.TryGetProperty("status", out var status))
            {
                current = Int(status, "currentReplicas");
                desired = Int(status, "desiredReplicas");
                cpu = status.TryGetProperty("currentMetrics", out var metrics) && metrics.ValueKind == JsonValueKind.Array
                    ? metrics.EnumerateArray().Where(m => m.TryGetProperty("resource", out var r) && r.GetProperty("name").GetString() == "cpu")
                        .Select(m => Int(m.GetProperty("resource").GetProperty("current"), "averageUtilization")).FirstOrDefault()
                    : null;
            }
            else if (kind == "Pod" && IsWorker(metadata) && !metadata.TryGetProperty("deletionTimestamp", out _))
            {
                pods++;
                ready += IsReady(item) ? 1 : 0;
            }
        }

        return new KubernetesSnapshot(current, desired, cpu, pods, ready);
    }

    private static bool IsWorker(JsonElement metadata) =>
        metadata.TryGetProperty("labels", out var labels) && labels.TryGetProperty("app.kubernetes.io/component", out var c) && c.GetString() == "silo";

    private static bool IsReady(JsonElement pod) =>
        pod.TryGetProperty("status", out var s) && s.TryGetProperty("conditions", out var conditions)
        && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");

    private static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
