using System.Diagnostics;
using Pi.Orleans.Client;
using Pi.Orleans.Contracts;
using Pi.Orleans.Experiments.Output;
using Spectre.Console;

namespace Pi.Orleans.Experiments.Kubernetes;

/// <summary>
/// Loads a real cluster (distributed calculations every interval against the Api's URL) and samples the worker HPA, the silo pods,
/// /api/cluster, /api/scaling and the calculations' progress every few seconds into the timeline format of the local run.
/// </summary>
public sealed class KubernetesExperiment(IAnsiConsole console, KubernetesExperimentOptions options)
{
    public async Task<(IReadOnlyList<TimelineRow> Rows, IReadOnlyList<Calculation> Calculations, string Load)> RunAsync(CancellationToken cancellationToken)
    {
        var kubectl = new Kubectl(options.Context);
        await kubectl.EnsureClusterAsync(cancellationToken);
        using var api = PiApiClient.Create(options.ApiUrl, TimeSpan.FromSeconds(30), options.ApiKey);
        await api.ClusterAsync(cancellationToken);
        var load = MachineInfo.LoadText();
        var clock = Stopwatch.StartNew();
        var tracked = new Dictionary<Guid, Calculation>();
        var rows = new List<TimelineRow>();
        var history = new List<(double T, long Done)>();
        var submitted = 0;
        var nextSubmit = 0.0;
        double? allDone = null;
        while (clock.Elapsed.TotalSeconds < options.MaxSeconds && (allDone is null || clock.Elapsed.TotalSeconds < allDone + options.TailSeconds))
        {
            var now = clock.Elapsed.TotalSeconds;
            if (submitted < options.Count && now >= nextSubmit)
            {
                var c = await api.SubmitAsync(options.Points, "distributed", null, cancellationToken);
                tracked[c.Id] = c;
                submitted++;
                nextSubmit = now + options.IntervalSeconds;
                console.MarkupLine($"{now,6:0} s: submitted {submitted}/{options.Count} ({c.Id})");
            }

            foreach (var id in tracked.Where(t => !t.Value.IsFinished).Select(t => t.Key).ToList())
            {
                tracked[id] = await api.GetAsync(id, cancellationToken);
            }

            var snapshot = KubernetesSnapshot.Parse(await kubectl.RunAsync(["get", "hpa,pods", "-n", options.Namespace, "-o", "json"], cancellationToken), options.HpaName);
            var cluster = await api.ClusterAsync(cancellationToken);
            var scaling = await TryScalingAsync(api, cancellationToken);
            var done = tracked.Values.Sum(c => c.PointsDone);
            history.Add((now, done));
            var (t0, d0) = history.LastOrDefault(h => h.T <= now - (2 * options.SampleSeconds), history[0]);
            var cpuCores = (snapshot.CpuUtilizationPercent ?? 0) / 100.0 * 0.5 * snapshot.WorkerPods;
            rows.Add(new TimelineRow(now, submitted < options.Count ? "load" : "drain", snapshot.WorkerPods, cluster.Silos.Count(s => s.RunsChunks),
                cluster.SlotsTotal, cluster.SlotsUsed, cluster.SlotsQueued, scaling?.PendingChunks ?? 0, scaling?.DesiredWorkers ?? 0,
                tracked.Values.Sum(c => c.TotalPoints), done, now - t0 > 0 ? (done - d0) / (now - t0) : 0, cpuCores, snapshot.HpaDesired, snapshot.CpuUtilizationPercent));
            console.MarkupLine($"{now,6:0} s: HPA {snapshot.HpaCurrent}→{snapshot.HpaDesired} at {snapshot.CpuUtilizationPercent}% CPU; pods {snapshot.WorkerPodsReady}/{snapshot.WorkerPods} ready; {cluster.Silos.Count(s => s.RunsChunks)} workers listed");
            if (allDone is null && submitted == options.Count && tracked.Values.All(c => c.IsFinished))
            {
                allDone = now;
            }

            await Task.Delay(TimeSpan.FromSeconds(options.SampleSeconds), cancellationToken);
        }

        return (rows, [.. tracked.Values], load);
    }

    private static async Task<ScalingInfo?> TryScalingAsync(PiApiClient api, CancellationToken cancellationToken)
    {
        try
        {
            return await api.ScalingAsync(cancellationToken);
        }
        catch (ApiException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }
}
