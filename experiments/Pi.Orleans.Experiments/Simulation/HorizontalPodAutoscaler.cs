namespace Pi.Orleans.Experiments.Simulation;

/// <summary>
/// The HPA controller's normalization of one target's replica recommendation, as kube-controller-manager does it every sync period:
/// clamp to [min, max] when the current count is outside it; otherwise stabilize (the lowest recommendation of the scale-up window
/// and the highest of the scale-down window bound the change), then limit the rate by the behavior policies, counting the scale
/// events of each policy's period. Times are seconds on the caller's clock.
/// </summary>
public sealed class HorizontalPodAutoscaler(HpaSpec spec)
{
    private readonly List<(double Time, int Replicas)> _recommendations = [];
    private readonly List<(double Time, int Change)> _scaleUps = [];
    private readonly List<(double Time, int Change)> _scaleDowns = [];

    public HpaSpec Spec => spec;

    /// <summary>One sync: <paramref name="metricReplicas"/> is the highest replica count the metrics ask for, or null when none could be read.</summary>
    public HpaDecision Reconcile(double now, int currentReplicas, int? metricReplicas)
    {
        HpaDecision decision;
        if (currentReplicas > spec.MaxReplicas)
        {
            decision = new HpaDecision(now, currentReplicas, metricReplicas, spec.MaxReplicas, spec.MaxReplicas, "current above max");
        }
        else if (currentReplicas < spec.MinReplicas)
        {
            decision = new HpaDecision(now, currentReplicas, metricReplicas, spec.MinReplicas, spec.MinReplicas, "current below min");
        }
        else if (metricReplicas is not { } wanted)
        {
            return new HpaDecision(now, currentReplicas, null, currentReplicas, currentReplicas, "no metrics");
        }
        else
        {
            var stabilized = Stabilize(now, currentReplicas, wanted);
            var (desired, reason) = LimitRate(now, currentReplicas, stabilized);
            if (desired == stabilized && stabilized != wanted)
            {
                reason = stabilized > wanted ? "scale-down stabilized" : "scale-up stabilized";
            }

            decision = new HpaDecision(now, currentReplicas, wanted, stabilized, desired, reason);
        }

        if (decision.Rescaled)
        {
            Record(now, currentReplicas, decision.DesiredReplicas);
        }

        return decision;
    }

    private int Stabilize(double now, int currentReplicas, int wanted)
    {
        var upCutoff = now - spec.ScaleUp.StabilizationWindowSeconds;
        var downCutoff = now - spec.ScaleDown.StabilizationWindowSeconds;
        var up = wanted;
        var down = wanted;
        foreach (var (time, replicas) in _recommendations)
        {
            if (time > upCutoff)
            {
                up = Math.Min(up, replicas);
            }

            if (time > downCutoff)
            {
                down = Math.Max(down, replicas);
            }
        }

        _recommendations.RemoveAll(r => r.Time <= Math.Min(upCutoff, downCutoff));
        _recommendations.Add((now, wanted));
        return Math.Min(Math.Max(currentReplicas, up), down);
    }

    private (int Replicas, string Reason) LimitRate(double now, int currentReplicas, int desired)
    {
        if (desired > currentReplicas)
        {
            var limit = Math.Max(ScaleUpLimit(now, currentReplicas), currentReplicas);
            var (allowed, reason) = spec.MaxReplicas > limit ? (limit, "scale-up limited by policy") : (spec.MaxReplicas, "max replicas");
            return desired > allowed ? (allowed, reason) : (desired, "within range");
        }

        if (desired < currentReplicas)
        {
            var limit = Math.Min(ScaleDownLimit(now, currentReplicas), currentReplicas);
            var (allowed, reason) = spec.MinReplicas < limit ? (limit, "scale-down limited by policy") : (spec.MinReplicas, "min replicas");
            return desired < allowed ? (allowed, reason) : (desired, "within range");
        }

        return (desired, "within range");
    }

    private int ScaleUpLimit(double now, int currentReplicas) => Limit(spec.ScaleUp, now, currentReplicas, up: true);

    private int ScaleDownLimit(double now, int currentReplicas) => Limit(spec.ScaleDown, now, currentReplicas, up: false);

    // Each policy proposes a bound from the replicas at the start of its period; Select Min takes the smallest change (the
    // lowest bound up, the highest down), Select Max the largest.
    private int Limit(ScalingRules rules, double now, int currentReplicas, bool up)
    {
        if (rules.Select == SelectPolicy.Disabled)
        {
            return currentReplicas;
        }

        var proposals = rules.Policies.Select(policy =>
        {
            var periodStart = currentReplicas - Changes(_scaleUps, now, policy.PeriodSeconds) + Changes(_scaleDowns, now, policy.PeriodSeconds);
            return (policy.Type, up) switch
            {
                (ScalingPolicyType.Pods, true) => periodStart + policy.Value,
                (ScalingPolicyType.Pods, false) => periodStart - policy.Value,
                (_, true) => (int)Math.Ceiling(periodStart * (1 + (policy.Value / 100.0))),
                (_, false) => (int)(periodStart * (1 - (policy.Value / 100.0))),
            };
        });
        var lowest = up == (rules.Select == SelectPolicy.Min);
        return lowest ? proposals.DefaultIfEmpty(int.MaxValue).Min() : proposals.DefaultIfEmpty(int.MinValue).Max();
    }

    private static int Changes(List<(double Time, int Change)> events, double now, int periodSeconds) =>
        events.Where(e => e.Time > now - periodSeconds).Sum(e => e.Change);

    private void Record(double now, int from, int to)
    {
        if (to > from)
        {
            _scaleUps.RemoveAll(e => e.Time <= now - spec.ScaleUp.LongestPeriodSeconds);
            _scaleUps.Add((now, to - from));
        }
        else
        {
            _scaleDowns.RemoveAll(e => e.Time <= now - spec.ScaleDown.LongestPeriodSeconds);
            _scaleDowns.Add((now, from - to));
        }
    }
}
