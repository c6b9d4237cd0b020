using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Pi.Orleans.Grains.Hosting;
using Pi.Orleans.Hosting.Kubernetes;
using Pi.Orleans.Hosting.Storage;
using StackExchange.Redis;

namespace Pi.Orleans.Hosting;

/// <summary>The silo composition both hosts share: clustering, storage, reminders, grains, telemetry, dashboard data and health.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The connection string name that switches from the embedded default to Redis mode.</summary>
    public const string RedisConnectionName = "Redis";

    /// <summary>Makes this process a silo: Redis clustering and storage when a Redis connection string is set, else a one-process localhost cluster with in-memory storage.</summary>
    public static WebApplicationBuilder AddPiSilo(this WebApplicationBuilder builder, SiloRole role)
    {
        var cluster = builder.Configuration.GetSection(ClusterHostingOptions.SectionName).Get<ClusterHostingOptions>() ?? new();
        var redis = builder.Configuration.GetConnectionString(RedisConnectionName);
        var embedded = string.IsNullOrWhiteSpace(redis);
        var runsChunks = role == SiloRole.Worker || embedded || cluster.FrontRunsChunks;
        var dashboard = builder.Configuration.GetSection(PiDashboardOptions.SectionName).Get<PiDashboardOptions>() ?? new();
        builder.Services.AddSingleton(new SiloDescription(role, embedded, runsChunks));

        // In Kubernetes the hosting package sets the ids, the advertised address (POD_IP) and the silo name (the pod's).
        var kubernetes = builder.AddPiKubernetes(role, redisMode: !embedded);
        builder.UseOrleans(silo =>
        {
            if (embedded)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.AddPiStorage(redis: null);
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.UseRedisStores(redis!);
                if (!kubernetes)
                {
                    silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (cluster.ServiceId, cluster.ClusterId));
                    silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIP), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                }
            }

            if (!kubernetes)
            {
                var name = string.IsNullOrWhiteSpace(cluster.SiloName) ? $"{role.ToString().ToLowerInvariant()}-{Environment.MachineName}-{cluster.SiloPort}" : cluster.SiloName;
                silo.Configure<SiloOptions>(o => o.SiloName = name);
            }

            silo.AddPiGrains(runsChunks);
            silo.AddActivityPropagation();
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

    private static void UseRedisStores(this ISiloBuilder silo, string connectionString)
    {
        silo.UseRedisClustering(o => o.ConfigurationOptions = Parse(connectionString));
        silo.AddPiStorage(Parse(connectionString));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = Parse(connectionString));
    }

    private static ConfigurationOptions Parse(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        return options;
    }
}
