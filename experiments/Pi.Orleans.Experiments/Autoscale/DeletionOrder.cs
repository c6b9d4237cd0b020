namespace Pi.Orleans.Experiments.Autoscale;

/// <summary>
/// Which replica a scale-down removes, in the ReplicaSet controller's order as far as it applies to one node: not-ready pods first,
/// then the lowest controller.kubernetes.io/pod-deletion-cost (the chart keeps it at used + queued slots, so idle workers go first),
/// then the newest.
/// </summary>
public static class DeletionOrder
{
    public static DeletionCandidate Pick(IReadOnlyCollection<DeletionCandidate> candidates) =>
        candidates.Count == 0
            ? throw new ArgumentException("There is no replica to remove.", nameof(candidates))
            : candidates.OrderBy(c => c.Ready).ThenBy(c => c.Cost).ThenByDescending(c => c.Started).First();
}
