using Microsoft.Extensions.DependencyInjection.Extensions;
using Pi.Orleans.Api.Cluster;
using Pi.Orleans.Api.KubernetesStatus.Contracts;
using Pi.Orleans.Hosting;
using Pi.Orleans.Hosting.Pods;

namespace Pi.Orleans.Api.KubernetesStatus;

/// <summary>GET /api/k8s/status and /api/k8s/metrics: Kubernetes' view of the silo pods next to Orleans' view of the silos.</summary>
public static class KubernetesApi
{
    /// <summary>Registers the readers (and the Kubernetes client, if the silo did not already); reads the silo's <see cref="HostMode"/>.</summary>
    public static WebApplicationBuilder AddPiKubernetesStatus(this WebApplicationBuilder builder)
    {
        builder.Services.AddPiKubernetesClient();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<KubernetesReader>();
        builder.Services.TryAddSingleton<SiloDirectory>();
        builder.Services.TryAddSingleton<OrleansReader>();
        return builder;
    }

    /// <summary>Maps /api/k8s/status and /api/k8s/metrics; both answer 200 with the Orleans parts even when Kubernetes cannot be read.</summary>
    public static RouteGroupBuilder MapKubernetesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/k8s").WithTags("Kubernetes");
        group.MapGet("/status", GetStatusAsync).WithName("GetKubernetesStatus")
            .WithSummary("Silo pods, the worker HPA and the active silos with their slots, and any pod/silo mismatch.")
            .WithDescription("Answers 200 with the Orleans part even when the Kubernetes API cannot be read (outside a pod, or without RBAC). "
                + "401 without an operator key, 503 while a silo joins or leaves.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/metrics", GetMetricsAsync).WithName("GetKubernetesMetrics")
            .WithSummary("Per-pod CPU and memory from metrics.k8s.io and per-silo CPU, memory and activations from Orleans.")
            .WithDescription("Answers 200 with the Orleans part even when metrics.k8s.io cannot be read. 401 without an operator key, 503 while a silo joins or leaves.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<KubernetesStatusResponse> GetStatusAsync(KubernetesReader kubernetes, OrleansReader orleans, CancellationToken cancellationToken)
    {
        var podsCall = kubernetes.ReadStatusAsync(cancellationToken);
        var silos = await orleans.ReadSilosAsync(cancellationToken);
        var pods = await podsCall;
        return new KubernetesStatusResponse(pods, silos, Compare(pods, silos));
    }

    private static async Task<KubernetesMetricsResponse> GetMetricsAsync(KubernetesReader kubernetes, OrleansReader orleans, CancellationToken cancellationToken)
    {
        var podsCall = kubernetes.ReadMetricsAsync(cancellationToken);
        var silos = await orleans.ReadMetricsAsync(cancellationToken);
        return new KubernetesMetricsResponse(await podsCall, silos);
    }

    private static PodSiloMismatch? Compare(KubernetesPodsStatus pods, OrleansSilosStatus silos)
    {
        if (pods.Pods is null)
        {
            return null;
        }

        var podNames = pods.Pods.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var siloNames = silos.Silos.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return new PodSiloMismatch(
            [.. siloNames.Where(s => !podNames.Contains(s)).Order(StringComparer.Ordinal)],
            [.. podNames.Where(p => !siloNames.Contains(p)).Order(StringComparer.Ordinal)]);
    }
}
