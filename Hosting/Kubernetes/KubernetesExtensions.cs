using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Pi.Orleans.Hosting.Kubernetes;

/// <summary>Kubernetes hosting for every silo: the Orleans hosting package, pod-deletion cost on workers and the readiness drain on shutdown.</summary>
public static class KubernetesExtensions
{
    private static readonly TimeSpan KubernetesReadinessDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// In a pod (KUBERNETES_SERVICE_HOST set) with Redis, calls UseKubernetesHosting: ids from ORLEANS_SERVICE_ID/ORLEANS_CLUSTER_ID unless
    /// Cluster:ServiceId/ClusterId are set, silo name = pod name, advertised address = POD_IP; only the ports come from "Cluster".
    /// Returns whether Kubernetes hosting is on, in which case the caller must not configure ids, endpoints or the silo name itself.
    /// </summary>
    public static bool AddPiKubernetes(this WebApplicationBuilder builder, SiloRole role, bool redisMode)
    {
        var configuration = builder.Configuration;
        var mode = KubernetesMode.Detect(configuration, redisMode);
        builder.Services.AddPiKubernetesClient();
        builder.Services.TryAddSingleton(mode);
        builder.Services.AddHostedService<KubernetesModeReport>();
        builder.Services.AddOptions<ShutdownOptions>()
            .Configure(o => o.ReadinessDelay = mode.InCluster ? KubernetesReadinessDelay : TimeSpan.Zero)
            .BindConfiguration(ShutdownOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<ReadinessDrain>();
        if (!mode.Hosting)
        {
            return false;
        }

        builder.Services.AddSingleton(mode.Pod!);
        builder.Services.UseKubernetesHosting(o => o.Configure<IOptions<KubernetesOptions>>(
            (hostingOptions, ours) => hostingOptions.GetClientConfiguration = () => KubernetesClientProvider.CreateConfiguration(ours.Value.ApiUrl)));
        var defaults = new ClusterHostingOptions();
        var serviceId = Pick(configuration["Cluster:ServiceId"], configuration[KubernetesHostingOptions.ServiceIdEnvironmentVariable], defaults.ServiceId);
        var clusterId = Pick(configuration["Cluster:ClusterId"], configuration[KubernetesHostingOptions.ClusterIdEnvironmentVariable], defaults.ClusterId);
        var cluster = configuration.GetSection(ClusterHostingOptions.SectionName).Get<ClusterHostingOptions>() ?? defaults;
        builder.Services.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (serviceId, clusterId));

        // Ports only: the package's PostConfigure sets the advertised address (POD_IP) and listens on 0.0.0.0.
        builder.Services.Configure<EndpointOptions>(o => (o.SiloPort, o.GatewayPort) = (cluster.SiloPort, cluster.GatewayPort));
        if (role == SiloRole.Worker)
        {
            builder.Services.AddHostedService<PodDeletionCostUpdater>();
        }

        return true;
    }

    /// <summary>Registers <see cref="KubernetesOptions"/> and the shared <see cref="KubernetesClientProvider"/>; safe to call more than once.</summary>
    public static IServiceCollection AddPiKubernetesClient(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(KubernetesClientProvider)))
        {
            return services;
        }

        services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<KubernetesClientProvider>();
        return services;
    }

    private static string Pick(params string?[] candidates) => candidates.First(c => !string.IsNullOrWhiteSpace(c))!;
}
