using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pi.Orleans.Grains;
using Pi.Orleans.Grains.Placement;
using StackExchange.Redis;

namespace Pi.Orleans.Hosting;

/// <summary>
/// Orleans' own configuration-based providers (the "Orleans" section that Orleans reads in every UseOrleans, and that
/// Aspire.Hosting.Orleans writes): Orleans:Clustering:ProviderType=Redis with a ServiceKey, ConnectionString or ConnectionName,
/// and the same under Orleans:Reminders, Orleans:GrainStorage:&lt;name&gt; and Orleans:GrainDirectory:&lt;name&gt;.
/// </summary>
public static class OrleansProviderConfiguration
{
    /// <summary>The section Orleans reads.</summary>
    public const string SectionName = "Orleans";

    /// <summary>The clustering provider's section.</summary>
    public const string Clustering = SectionName + ":Clustering";

    /// <summary>The reminder provider's section.</summary>
    public const string Reminders = SectionName + ":Reminders";

    /// <summary>The section of the calculations' grain storage.</summary>
    public const string CalculationsStorage = SectionName + ":GrainStorage:" + StorageNames.Calculations;

    /// <summary>The section of the chunks' grain directory.</summary>
    public const string ChunkDirectorySection = SectionName + ":GrainDirectory:" + ChunkDirectory.Name;

    private static readonly string[] RedisProviderTypes = ["Redis", "AzureRedisCache"];

    /// <summary>Whether Orleans' clustering provider is configured: then Orleans registers clustering, and this project does not.</summary>
    public static bool IsConfigured(IConfiguration configuration) => configuration.GetSection(Clustering).Exists();

    /// <summary>
    /// Refuses an Orleans provider section (reminders, grain storage, grain directory) set without Orleans:Clustering: Orleans would
    /// register it beside this project's own providers of the embedded default or of ConnectionStrings:Redis, and two providers of
    /// one name clash at start-up with an error that names neither key.
    /// </summary>
    public static void RefuseProvidersWithoutClustering(IConfiguration configuration)
    {
        if (IsConfigured(configuration))
        {
            return;
        }

        List<string> stray =
        [
            .. configuration.GetSection(Reminders).Exists() ? [Reminders] : Array.Empty<string>(),
            .. configuration.GetSection(SectionName + ":GrainStorage").GetChildren().Select(c => c.Path),
            .. configuration.GetSection(SectionName + ":GrainDirectory").GetChildren().Select(c => c.Path),
        ];
        if (stray.Count > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", stray)} {(stray.Count == 1 ? "is" : "are")} set without {Clustering}: Orleans' provider configuration is used only as a whole, with its clustering (set {Clustering}:ProviderType=Redis), or not at all.");
        }
    }

    /// <summary>The Redis link of the configured clustering provider; throws, naming the key, when it is not a Redis one.</summary>
    public static RedisLink ClusteringLink(IConfiguration configuration) => RedisProvider(configuration, Clustering);

    /// <summary>The Redis link of the provider in <paramref name="sectionPath"/>; throws, naming the key, when it is not a Redis one.</summary>
    public static RedisLink RedisProvider(IConfiguration configuration, string sectionPath)
    {
        var section = configuration.GetSection(sectionPath);
        if (!RedisProviderTypes.Contains(section["ProviderType"], StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{sectionPath}:ProviderType is '{section["ProviderType"]}': this service keeps its calculations in Redis, so it supports only {string.Join(" or ", RedisProviderTypes)} there.");
        }

        return RedisLink.FromProvider(section, configuration) ?? throw new InvalidOperationException(
            $"{sectionPath} names no Redis: set its ServiceKey (a keyed IConnectionMultiplexer, or ConnectionStrings:<key>), ConnectionString or ConnectionName.");
    }

    /// <summary>
    /// Gives the reminders, the calculations' storage and the chunks' directory the clustering provider's Redis when configuration
    /// names none of their own, so that one Orleans:Clustering section is enough; a section that is set is left as it is.
    /// </summary>
    public static void AddDefaults(IConfigurationManager configuration)
    {
        var clustering = configuration.GetSection(Clustering);
        Dictionary<string, string?> defaults = [];
        foreach (var path in new[] { Reminders, CalculationsStorage, ChunkDirectorySection }.Where(p => !configuration.GetSection(p).Exists()))
        {
            foreach (var key in new[] { "ProviderType", "ServiceKey", "ConnectionString", "ConnectionName" }.Where(k => clustering[k] is not null))
            {
                defaults[$"{path}:{key}"] = clustering[key];
            }
        }

        if (defaults.Count > 0)
        {
            configuration.AddInMemoryCollection(defaults);
        }
    }

    /// <summary>
    /// Registers, for every ServiceKey an Orleans provider names, a keyed multiplexer on ConnectionStrings:&lt;key&gt; as Aspire's
    /// AddKeyedRedisClient would, unless one is registered already (an app that calls AddKeyedRedisClient first keeps its own).
    /// </summary>
    public static void AddKeyedMultiplexers(IServiceCollection services, IConfiguration configuration)
    {
        var orleans = configuration.GetSection(SectionName);
        var providers = new[] { orleans.GetSection("Clustering"), orleans.GetSection("Reminders") }
            .Concat(orleans.GetSection("GrainStorage").GetChildren())
            .Concat(orleans.GetSection("GrainDirectory").GetChildren());
        foreach (var key in providers.Select(p => p["ServiceKey"]).OfType<string>().Where(k => k.Length > 0).Distinct())
        {
            services.TryAddKeyedSingleton<IConnectionMultiplexer>(key, (_, _) =>
            {
                var connectionString = configuration.GetConnectionString(key);
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"An Orleans provider names ServiceKey '{key}', but no keyed IConnectionMultiplexer '{key}' is registered and ConnectionStrings:{key} is not set.");
                }

                return ConnectionMultiplexer.Connect(RedisLink.Of(connectionString).Options());
            });
        }
    }

    /// <summary>
    /// Takes the silo and gateway ports from Orleans:Endpoints (Aspire gives each replica its own there) when "Cluster" sets none,
    /// so that the endpoints this project configures and the silo's default name agree with them.
    /// </summary>
    public static void ApplyEndpoints(ClusterHostingOptions cluster, IConfiguration configuration)
    {
        var ours = configuration.GetSection(ClusterHostingOptions.SectionName);
        var endpoints = configuration.GetSection(SectionName + ":Endpoints");
        if (ours[nameof(ClusterHostingOptions.SiloPort)] is null && int.TryParse(endpoints["SiloPort"], out var siloPort))
        {
            cluster.SiloPort = siloPort;
        }

        if (ours[nameof(ClusterHostingOptions.GatewayPort)] is null && int.TryParse(endpoints["GatewayPort"], out var gatewayPort))
        {
            cluster.GatewayPort = gatewayPort;
        }
    }
}
