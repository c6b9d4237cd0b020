namespace Pi.Orleans.Experiments.Simulation;

/// <summary>
/// The replica count one metric asks for, as kube-controller-manager's replica calculator computes it. In short,
/// desiredReplicas = ceil(currentReplicas × currentMetric / target), nothing within the tolerance; for CPU the "currentReplicas" are the
/// ready pods with metrics, and unready pods and pods without metrics are counted so as to damp the change.
/// </summary>
public static class ReplicaCalculator
{
    /// <summary>How long after a pod's start its CPU is distrusted unless a full metric window follows its readiness (kube default 5 min).</summary>
    public const double CpuInitializationPeriodSeconds = 300;

    /// <summary>How long after start a not-ready pod that was never ready is treated as still starting (kube default 30 s).</summary>
    public const double InitialReadinessDelaySeconds = 30;

    /// <summary>
    /// Resource CPU with an averageUtilization target. Pods being deleted or failed are ignored; pending pods and (for CPU) pods not
    /// ready, or ready for less than one metric window within the initialization period, are unready; pods with no metric are missing.
    /// On a scale-up unready and missing pods count as 0% of their request, on a scale-down missing pods count as max(100%, target)
    /// and unready pods are left out; if that changes the direction or lands within the tolerance, the count stays.
    /// </summary>
    public static CpuRecommendation Cpu(int currentReplicas, IReadOnlyList<PodSample> pods, int targetUtilizationPercent, double now, double tolerance = 0.1)
    {
        var requests = pods.ToDictionary(p => p.Name, p => p.RequestMillicores);
        var metrics = new Dictionary<string, long>();
        var unready = new List<string>();
        var missing = new List<string>();
        var ignored = 0;
        foreach (var pod in pods)
        {
            if (pod.Deleting || pod.Phase == PodPhase.Failed)
            {
                ignored++;
            }
            else if (pod.Phase == PodPhase.Pending)
            {
                unready.Add(pod.Name);
            }
            else if (pod.Metric is null)
            {
                missing.Add(pod.Name);
            }
            else if (IsUnreadyForCpu(pod, pod.Metric, now))
            {
                unready.Add(pod.Name);
            }
            else
            {
                metrics[pod.Name] = pod.Metric.UsageMillicores;
            }
        }

        var ready = metrics.Count;
        if (ready == 0)
        {
            return new CpuRecommendation(null, 0, 0, unready.Count, missing.Count, ignored);
        }

        var (usageRatio, utilization) = Ratio(metrics, requests, targetUtilizationPercent);
        var result = new CpuRecommendation(currentReplicas, utilization, ready, unready.Count, missing.Count, ignored);
        var scaleUpWithUnready = unready.Count > 0 && usageRatio > 1.0;
        if (!scaleUpWithUnready && missing.Count == 0)
        {
            return Math.Abs(1.0 - usageRatio) <= tolerance ? result : result with { Replicas = (int)Math.Ceiling(usageRatio * ready) };
        }

        if (missing.Count > 0)
        {
            if (usageRatio < 1.0)
            {
                var fallbackPercent = Math.Max(100, targetUtilizationPercent);
                missing.ForEach(name => metrics[name] = requests[name] * fallbackPercent / 100);
            }
            else if (usageRatio > 1.0)
            {
                missing.ForEach(name => metrics[name] = 0);
            }
        }

        if (scaleUpWithUnready)
        {
            unready.ForEach(name => metrics[name] = 0);
        }

        var (newUsageRatio, _) = Ratio(metrics, requests, targetUtilizationPercent);
        if (Math.Abs(1.0 - newUsageRatio) <= tolerance || (usageRatio < 1.0 && newUsageRatio > 1.0) || (usageRatio > 1.0 && newUsageRatio < 1.0))
        {
            return result;
        }

        var replicas = (int)Math.Ceiling(newUsageRatio * metrics.Count);
        return (newUsageRatio < 1.0 && replicas > currentReplicas) || (newUsageRatio > 1.0 && replicas < currentReplicas)
            ? result
            : result with { Replicas = replicas };
    }

    /// <summary>
    /// An External metric with an AverageValue target (what KEDA's ScaledObject makes): ceil(total / targetPerPod), unless
    /// total / (targetPerPod × currentReplicas) is within the tolerance of 1. Pod readiness plays no part.
    /// </summary>
    public static int ExternalAverageValue(int currentReplicas, double total, double targetPerPod, double tolerance = 0.1)
    {
        var ratio = total / (targetPerPod * currentReplicas);
        return Math.Abs(1.0 - ratio) > tolerance ? (int)Math.Ceiling(total / targetPerPod) : currentReplicas;
    }

    private static bool IsUnreadyForCpu(PodSample pod, PodMetric metric, double now)
    {
        if (pod.ReadyTransitionTime is not { } transition || pod.StartTime is not { } start)
        {
            return true;
        }

        return start + CpuInitializationPeriodSeconds > now
            ? !pod.Ready || metric.Timestamp < transition + metric.WindowSeconds
            : !pod.Ready && start + InitialReadinessDelaySeconds > transition;
    }

    /// <summary>The utilization in whole percent (integer division, as the controller does) and its ratio to the target.</summary>
    private static (double Ratio, int Utilization) Ratio(Dictionary<string, long> metrics, Dictionary<string, long> requests, int target)
    {
        long usage = 0;
        long requested = 0;
        foreach (var (name, value) in metrics)
        {
            usage += value;
            requested += requests[name];
        }

        var utilization = requested == 0 ? 0 : (int)(usage * 100 / requested);
        return ((double)utilization / target, utilization);
    }
}
