using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting.Kubernetes;
using Pi.Orleans.Hosting.Pods;

namespace Pi.Orleans.Hosting;

/// <summary>
/// What this process is, decided once from configuration by <see cref="SiloHostingExtensions.AddPiSilo"/> and read by every
/// feature that depends on it: front or worker, the embedded default or Redis, in a Kubernetes pod or not (and so whether
/// Kubernetes hosting is on), whether the silo computes chunks, and the Orleans ids. Redis mode comes from ConnectionStrings:Redis,
/// or from Orleans' own provider configuration (<see cref="OrleansProviders"/>), which wins when both are set.
/// </summary>
public sealed record HostMode(
    SiloRole Role, RedisLink? Redis, bool RunsChunks, KubernetesPod? Pod, string ServiceId, string ClusterId, bool OrleansProviders = false)
{
    /// <summary>The connection string name that switches from the embedded default to Redis mode.</summary>
    public const string RedisConnectionName = "Redis";

    /// <summary>Whether this is the embedded default: one process, localhost clustering, state in memory.</summary>
    public bool Embedded => Redis is null;

    /// <summary>Whether this process runs in a Kubernetes pod (KUBERNETES_SERVICE_HOST is set).</summary>
    public bool InKubernetes => Pod is not null;

    /// <summary>Whether the silo uses Orleans' Kubernetes hosting: in a pod and in Redis mode.</summary>
    public bool KubernetesHosting => InKubernetes && !Embedded;

    /// <summary>The mode decided for <paramref name="builder"/>; throws when <see cref="SiloHostingExtensions.AddPiSilo"/> has not run.</summary>
    public static HostMode Of(IHostApplicationBuilder builder) =>
        builder.Properties.TryGetValue(typeof(HostMode), out var mode)
            ? (HostMode)mode
            : throw new InvalidOperationException("The host mode is decided by AddPiSilo; call it first.");

    /// <summary>Decides the mode of this process from <paramref name="configuration"/> and the <paramref name="cluster"/> options bound from it.</summary>
    public static HostMode Detect(IConfiguration configuration, SiloRole role, ClusterHostingOptions cluster)
    {
        // Orleans' provider configuration registers clustering itself (every UseOrleans reads it), so it decides alone: a second,
        // ConnectionStrings:Redis clustering registration would fight it.
        var providers = OrleansProviderConfiguration.IsConfigured(configuration);
        OrleansProviderConfiguration.RefuseProvidersWithoutClustering(configuration);
        var connectionString = configuration.GetConnectionString(RedisConnectionName);
        var redis = providers ? OrleansProviderConfiguration.ClusteringLink(configuration)
            : string.IsNullOrWhiteSpace(connectionString) ? null : RedisLink.Of(connectionString);
        var embedded = redis is null;
        var section = configuration.GetSection(ClusterHostingOptions.SectionName);
        var pod = KubernetesPod.IsInCluster(configuration) ? KubernetesPod.From(configuration) : null;

        // An id set under "Cluster" wins; then Orleans' own (Orleans:ServiceId, as Aspire sets it); then, with Kubernetes hosting,
        // the pod's (ORLEANS_SERVICE_ID, ORLEANS_CLUSTER_ID), as the package reads it; then the default.
        var kubernetes = pod is not null && !embedded;
        var serviceId = FirstSet(section[nameof(ClusterHostingOptions.ServiceId)], configuration[$"{OrleansProviderConfiguration.SectionName}:ServiceId"],
            kubernetes ? configuration[KubernetesHostingOptions.ServiceIdEnvironmentVariable] : null, cluster.ServiceId);
        var clusterId = FirstSet(section[nameof(ClusterHostingOptions.ClusterId)], configuration[$"{OrleansProviderConfiguration.SectionName}:ClusterId"],
            kubernetes ? configuration[KubernetesHostingOptions.ClusterIdEnvironmentVariable] : null, cluster.ClusterId);

        var runsChunks = role == SiloRole.Worker || embedded || cluster.FrontRunsChunks;
        return new HostMode(role, redis, runsChunks, pod, serviceId, clusterId, providers);
    }

    /// <summary>Decides the mode for <paramref name="builder"/> once and registers it as a singleton.</summary>
    internal static HostMode Decide(IHostApplicationBuilder builder, SiloRole role, ClusterHostingOptions cluster)
    {
        var mode = Detect(builder.Configuration, role, cluster);
        builder.Properties[typeof(HostMode)] = mode;
        builder.Services.AddSingleton(mode);
        return mode;
    }

    private static string FirstSet(params string?[] candidates) => candidates.First(c => !string.IsNullOrWhiteSpace(c))!;
}
