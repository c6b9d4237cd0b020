namespace Pi.Orleans.Experiments.Simulation;

/// <summary>
/// Replays a workload through a simulated worker Deployment whose replicas an HPA sets, one second at a time: submitted points queue
/// up (first come, first served), working pods burn them at the measured points per core-second, metrics-server samples each pod's CPU
/// every resolution, and every sync period the HPA computes replicas from CPU (Resource, averageUtilization) or from the backlog
/// signal desired_workers (External, AverageValue, as KEDA feeds it), then applies stabilization and policies.
/// </summary>
public sealed class HpaSimulator(WorkloadTrace trace, SimulationOptions options, double podReadySeconds, double firstWorkSeconds)
{
    public const string Cpu = "cpu";
    public const string Backlog = "backlog";

    public StrategyResult Run(string strategy)
    {
        var hpa = new HorizontalPodAutoscaler(options.Hpa);
        var pods = new List<SimulatedPod>();
        var next = 1;
        void AddPod(double t) => pods.Add(new SimulatedPod($"{strategy}-{next++}", t, t + podReadySeconds, t + podReadySeconds + firstWorkSeconds));
        for (var i = 0; i < options.Hpa.MinReplicas; i++)
        {
            AddPod(-1000);
            for (var s = 0; s < options.MetricResolutionSeconds; s++)
            {
                pods[^1].AddCpu(trace.IdleCoresPerPod);
            }
        }

        var request = (long)(options.CpuRequestCores * 1000);
        var queue = new List<(double Arrived, long Left)>();
        var finished = new List<double>();
        var arrivals = new Queue<(double Time, long Points)>(trace.Arrivals);
        var rows = new List<SimulationRow>();
        var decisions = new List<HpaDecision>();
        long backlog = 0;
        double metric = 0;
        var end = trace.Duration + options.TailSeconds;
        for (var t = 0; t < end || (backlog > 0 && t < end + 3600); t++)
        {
            while (arrivals.Count > 0 && arrivals.Peek().Time < t + 1)
            {
                var a = arrivals.Dequeue();
                queue.Add((a.Time, a.Points));
                backlog += a.Points;
            }

            var working = pods.Count(p => p.IsWorking(t));
            var capacity = (long)(working * options.PodCores * trace.PointsPerCoreSecond);
            var done = Math.Min(backlog, capacity);
            Consume(queue, done, t, finished);
            backlog -= done;
            var busy = capacity > 0 ? (double)done / capacity : 0;
            foreach (var p in pods)
            {
                p.AddCpu(PodCpu(p, t, busy));
            }

            if (t % (int)options.MetricResolutionSeconds == 0)
            {
                pods.ForEach(p => p.Scrape(t, options.MetricResolutionSeconds));
            }

            if (t % (int)options.SyncPeriodSeconds == 0)
            {
                int? wanted;
                if (strategy == Cpu)
                {
                    var r = ReplicaCalculator.Cpu(pods.Count, [.. pods.Select(p => p.Sample(t, request))], options.TargetCpuPercent, t, options.Hpa.Tolerance);
                    (wanted, metric) = (r.Replicas, r.UtilizationPercent);
                }
                else
                {
                    metric = DesiredWorkers(pods.Count(p => p.IsReady(t)), backlog);
                    wanted = ReplicaCalculator.ExternalAverageValue(pods.Count, metric, options.BacklogTarget, options.Hpa.Tolerance);
                }

                var decision = hpa.Reconcile(t, pods.Count, wanted);
                decisions.Add(decision);
                while (pods.Count < decision.DesiredReplicas)
                {
                    AddPod(t);
                }

                while (pods.Count > decision.DesiredReplicas)
                {
                    // The ReplicaSet removes not-ready pods first, then the newest.
                    pods.Remove(pods.Where(p => !p.IsReady(t)).DefaultIfEmpty(pods.MaxBy(p => p.Created)!).First()!);
                }
            }

            var cpu = pods.Count == 0 ? 0 : pods.Average(p => PodCpu(p, t, busy)) / options.CpuRequestCores * 100;
            rows.Add(new SimulationRow(t, strategy, pods.Count, pods.Count(p => p.IsReady(t)), backlog, done, cpu, metric));
        }

        return Summarize(strategy, rows, decisions, finished);
    }

    /// <summary>A pod's CPU in cores: its share of the work, never below a worker's idle CPU.</summary>
    private double PodCpu(SimulatedPod pod, int t, double busy) => Math.Max(trace.IdleCoresPerPod, pod.IsWorking(t) ? busy * options.PodCores : 0);

    /// <summary>The Api's backlog signal: busy + queued slots (chunks in flight, at most InFlightPerSlot per slot of the listed workers) per worker.</summary>
    private double DesiredWorkers(int readyPods, long backlog)
    {
        var pendingChunks = (long)Math.Ceiling(backlog / (double)options.ChunkPoints);
        var inFlight = Math.Min(pendingChunks, (long)options.InFlightPerSlot * readyPods * options.PodCores);
        return Math.Clamp((int)Math.Ceiling(inFlight / (double)options.PodCores), options.Hpa.MinReplicas, options.Hpa.MaxReplicas);
    }

    private static void Consume(List<(double Arrived, long Left)> queue, long done, int t, List<double> finished)
    {
        while (done > 0 && queue.Count > 0)
        {
            var (arrived, left) = queue[0];
            if (left <= done)
            {
                done -= left;
                finished.Add(t + 1 - arrived);
                queue.RemoveAt(0);
            }
            else
            {
                queue[0] = (arrived, left - done);
                done = 0;
            }
        }
    }

    private StrategyResult Summarize(string strategy, List<SimulationRow> rows, List<HpaDecision> decisions, List<double> finished)
    {
        var lastWork = rows.LastOrDefault(r => r.PointsPerSecond > 0);
        var backToMin = lastWork is null ? null : rows.FirstOrDefault(r => r.Time > lastWork.Time && r.Replicas == options.Hpa.MinReplicas)?.Time;
        var metric = strategy == Cpu ? $"CPU {options.TargetCpuPercent}% of {options.CpuRequestCores * 1000:0}m" : $"desired_workers, AverageValue {options.BacklogTarget}";
        return new StrategyResult(strategy, metric, rows, decisions, rows.Max(r => r.Replicas),
            rows.FirstOrDefault(r => r.Replicas >= 2)?.Time, rows.FirstOrDefault(r => r.Replicas >= 3)?.Time,
            lastWork?.Time + 1, backToMin, rows.Sum(r => (double)r.Replicas), finished);
    }
}
