using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pi.Orleans.Hosting.Pods;

/// <summary>Logs once at start whether the silo runs with Kubernetes hosting, and why not when it is in a pod without it.</summary>
internal sealed partial class KubernetesModeReport(HostMode mode, IOptions<KubernetesOptions> options, ILogger<KubernetesModeReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (mode.KubernetesHosting)
        {
            var apiUrl = options.Value.ApiUrl;
            LogOn(logger, mode.Pod!.Name, mode.Pod.Namespace, string.IsNullOrWhiteSpace(apiUrl) ? "in-cluster" : apiUrl);
        }
        else if (mode.InKubernetes)
        {
            LogSkipped(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes hosting on: pod {Pod} in namespace {Namespace}, API {Api}")]
    private static partial void LogOn(ILogger logger, string pod, string @namespace, string api);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Running in Kubernetes (KUBERNETES_SERVICE_HOST is set) but without Redis (ConnectionStrings:Redis): Kubernetes hosting is skipped; the silo uses the embedded localhost cluster")]
    private static partial void LogSkipped(ILogger logger);
}
