using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Pi.Orleans.Hosting.Pods;

/// <summary>Kubernetes hosting for every silo: the Orleans hosting package, pod-deletion cost on workers and the readiness drain on shutdown.</summary>
public static class KubernetesExtensions
{
    private static readonly TimeSpan KubernetesReadinessDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// In a pod (KUBERNETES_SERVICE_HOST set) with Redis, calls UseKubernetesHosting: the ids as <see cref="HostMode"/> decided them,
    /// silo name = pod name, advertised address = POD_IP; only the ports come from "Cluster". When <see cref="HostMode.KubernetesHosting"/>
    /// is on, the caller must not configure ids, endpoints or the silo name itself.
    /// </summary>
    public static WebApplicationBuilder AddPiKubernetes(this WebApplicationBuilder builder, HostMode mode, ClusterHostingOptions cluster)
    {
        builder.Services.AddPiKubernetesClient();
        builder.Services.AddHostedService<KubernetesModeReport>();
        builder.Services.AddOptions<ShutdownOptions>()
            .Configure(o => o.ReadinessDelay = mode.InKubernetes ? KubernetesReadinessDelay : TimeSpan.Zero)
            .BindConfiguration(ShutdownOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<ReadinessDrain>();
        if (!mode.KubernetesHosting)
        {
            return builder;
        }

        builder.Services.AddSingleton(mode.Pod!);
        builder.Services.UseKubernetesHosting(o => o.Configure<IOptions<KubernetesOptions>>(
            (hostingOptions, ours) => hostingOptions.GetClientConfiguration = () => KubernetesClientProvider.CreateConfiguration(ours.Value.ApiUrl)));
        builder.Services.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (mode.ServiceId, mode.ClusterId));

        // Ports only: the package's PostConfigure sets the advertised address (POD_IP) and listens on 0.0.0.0.
        builder.Services.Configure<EndpointOptions>(o => (o.SiloPort, o.GatewayPort) = (cluster.SiloPort, cluster.GatewayPort));
        if (mode.Role == SiloRole.Worker)
        {
            builder.Services.AddHostedService<PodDeletionCostUpdater>();
        }

        return builder;
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
}
