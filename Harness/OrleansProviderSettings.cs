using System.Globalization;

namespace Pi.Orleans.Harness;

/// <summary>The settings Aspire.Hosting.Orleans gives a silo wired to Redis, written out for a silo this harness starts.</summary>
internal static class OrleansProviderSettings
{
    public static IReadOnlyDictionary<string, string> For(string key, string connectionString, string clusterId, string siloName, LocalPorts ports)
    {
        var settings = new Dictionary<string, string>
        {
            [$"ConnectionStrings__{key}"] = connectionString,
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = clusterId + "-service",
            ["Orleans__Name"] = siloName,
            ["Orleans__Endpoints__SiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = ports.Gateway.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var provider in new[] { "Clustering", "Reminders", "GrainStorage__calculations", "GrainDirectory__pi-chunks" })
        {
            settings[$"Orleans__{provider}__ProviderType"] = "Redis";
            settings[$"Orleans__{provider}__ServiceKey"] = key;
        }

        return settings;
    }
}
