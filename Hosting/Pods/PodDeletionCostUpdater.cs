using k8s;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pi.Orleans.Grains.Slots;

namespace Pi.Orleans.Hosting.Pods;

/// <summary>
/// Keeps this worker pod's deletion cost equal to its busy slots (used + queued), so a scale-down removes idle pods first.
/// Patches only on change and at most once per <see cref="KubernetesOptions.DeletionCostInterval"/>.
/// </summary>
internal sealed partial class PodDeletionCostUpdater(
    ChunkSlots slots,
    KubernetesClientProvider kubernetes,
    KubernetesPod pod,
    IOptions<KubernetesOptions> options,
    TimeProvider time,
    ILogger<PodDeletionCostUpdater> logger) : BackgroundService
{
    private static readonly TimeSpan MaxPollPeriod = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.DeletionCostInterval;
        var poll = interval < MaxPollPeriod ? interval : MaxPollPeriod;
        int? patched = null;
        var patchedAt = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(poll, time);
        do
        {
            var busy = slots.Used + slots.Queued;
            if (busy == patched || time.GetUtcNow() - patchedAt < interval)
            {
                continue;
            }

            try
            {
                await kubernetes.CallAsync((client, ct) => client.CoreV1.PatchNamespacedPodAsync(PodDeletionCost.Patch(busy), pod.Name, pod.Namespace, cancellationToken: ct), stoppingToken);
                LogPatched(logger, pod.Name, busy);
                patched = busy;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPatchFailed(logger, pod.Name, ex.Message);
            }

            // Counted from the end of the call, so two patches never reach the API closer than the interval; a failed patch waits too.
            patchedAt = time.GetUtcNow();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pod {Pod} deletion cost set to {Cost}")]
    private static partial void LogPatched(ILogger logger, string pod, int cost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pod {Pod} deletion cost not updated: {Reason}")]
    private static partial void LogPatchFailed(ILogger logger, string pod, string reason);
}
