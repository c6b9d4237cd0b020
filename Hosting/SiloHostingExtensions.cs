using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Pi.Orleans.Grains;
using Pi.Orleans.Grains.Placement;
using Pi.Orleans.Hosting.Pods;
using Pi.Orleans.Hosting.Storage;

namespace Pi.Orleans.Hosting;

/// <summary>The silo composition both hosts share: clustering, storage, reminders, grains, telemetry, dashboard data and health.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Makes this process a silo: Redis clustering and storage when a Redis connection string is set, else a one-process localhost cluster
    /// with in-memory storage. Decides the <see cref="HostMode"/> that the other features read.
    /// </summary>
    public static WebApplicationBuilder AddPiSilo(this WebApplicationBuilder builder, SiloRole role)
    {
        builder.Services.AddOptions<ClusterHostingOptions>()
            .BindConfiguration(ClusterHostingOptions.SectionName)
            .PostConfigure(o => OrleansProviderConfiguration.ApplyEndpoints(o, builder.Configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var cluster = builder.Configuration.GetSection(ClusterHostingOptions.SectionName).Get<ClusterHostingOptions>() ?? new();
        OrleansProviderConfiguration.ApplyEndpoints(cluster, builder.Configuration);

        // Checked now as well as on start: these values wire the silo below, and Orleans' own checks would report a bad port less clearly.
        var checkedNow = new DataAnnotationValidateOptions<ClusterHostingOptions>(null).Validate(null, cluster);
        if (checkedNow.Failed)
        {
            throw new OptionsValidationException(ClusterHostingOptions.SectionName, typeof(ClusterHostingOptions), checkedNow.Failures);
        }

        var mode = HostMode.Decide(builder, role, cluster);
        if (mode.OrleansProviders)
        {
            // Before UseOrleans: Orleans reads its provider sections when the silo builder is made.
            OrleansProviderConfiguration.AddDefaults(builder.Configuration);
            OrleansProviderConfiguration.AddKeyedMultiplexers(builder.Services, builder.Configuration);
        }

        var dashboard = builder.Configuration.GetSection(PiDashboardOptions.SectionName).Get<PiDashboardOptions>() ?? new();

        // In Kubernetes the hosting package sets the advertised address (POD_IP) and the silo name (the pod's).
        builder.AddPiKubernetes(mode, cluster);
        builder.UseOrleans(silo =>
        {
            if (mode.Embedded)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: mode.ServiceId, clusterId: mode.ClusterId);
                silo.AddPiStorage(redis: null, registered: false);
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.UseRedisStores(mode, builder.Configuration);
                if (!mode.KubernetesHosting)
                {
                    silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (mode.ServiceId, mode.ClusterId));
                    silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIP), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                }
            }

            if (!mode.KubernetesHosting)
            {
                // Cluster:SiloName, else Orleans' own Orleans:Name, else one unique on this host.
                var name = new[] { cluster.SiloName, builder.Configuration[$"{OrleansProviderConfiguration.SectionName}:Name"] }.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))
                    ?? $"{role.ToString().ToLowerInvariant()}-{Environment.MachineName}-{cluster.SiloPort}";
                silo.Configure<SiloOptions>(o => o.SiloName = name);
            }

            silo.AddPiGrains(mode.RunsChunks);
            // Orleans:EnableDistributedTracing=true (Aspire sets it) has added the propagation filters already; twice would make
            // every grain call's spans twice.
            if (!builder.Configuration.GetValue<bool>($"{OrleansProviderConfiguration.SectionName}:EnableDistributedTracing"))
            {
                silo.AddActivityPropagation();
            }
            if (dashboard.Enabled)
            {
                silo.AddDashboard();
            }
        });
        builder.Services.AddSingleton(dashboard);
        builder.AddPiHealthChecks();
        builder.AddPiTelemetry(role);
        return builder;
    }

    private static void UseRedisStores(this ISiloBuilder silo, HostMode mode, IConfiguration configuration)
    {
        // Chunk attempts register in Redis, not in the silos' hash ring: a frozen silo owns a third of the ring on three silos,
        // and every chunk activation whose key fell in its range waited 30 s for it (no chunk finished anywhere meanwhile).
        silo.Services.AddSingleton<ChunkDirectory>();
        if (mode.OrleansProviders)
        {
            // Orleans registered clustering, reminders, the calculations' Redis storage and the chunk directory from its
            // provider sections (AddDefaults filled the ones left unset); only the expiry around the storage is ours.
            silo.AddPiStorage(OrleansProviderConfiguration.RedisProvider(configuration, OrleansProviderConfiguration.CalculationsStorage), registered: true);
            return;
        }

        var redis = mode.Redis!;
        silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Options());
        silo.AddPiStorage(redis, registered: false);
        silo.UseRedisReminderService(o => o.ConfigurationOptions = redis.Options());
        silo.AddRedisGrainDirectory(ChunkDirectory.Name, o => o.ConfigurationOptions = redis.Options());
    }
}
