using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Pi.Orleans.Hosting;
using StackExchange.Redis;

namespace Pi.Orleans.Api.Http;

/// <summary>Where the Api keeps its ASP.NET Core Data Protection keys: Redis in Redis mode, memory in the embedded default.</summary>
public static class DataProtectionExtensions
{
    /// <summary>The application name every Api replica shares, so that each reads what another protected.</summary>
    public const string ApplicationName = "pi-orleans";

    /// <summary>
    /// Redis mode: the key ring lives in Redis under "{ServiceId}/data-protection-keys", shared by every Api replica and kept across
    /// restarts, so the web page's cookies stay valid; the keys are stored unencrypted (see below). Embedded default: on purpose in memory only (the whole state is in memory there);
    /// one log line says so at start.
    /// </summary>
    public static WebApplicationBuilder AddPiDataProtection(this WebApplicationBuilder builder)
    {
        var mode = HostMode.Of(builder);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (mode.Redis is not { } redis)
        {
            builder.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
            builder.Services.AddHostedService<DataProtectionModeReport>();
            return builder;
        }

        // The keyed multiplexer of Orleans' provider configuration, if that is how this silo reaches Redis, comes from the container.
        var key = $"{mode.ServiceId}/data-protection-keys";
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, services) =>
        {
            var connection = new Lazy<IConnectionMultiplexer>(() => redis.ServiceKey is { } serviceKey
                ? services.GetRequiredKeyedService<IConnectionMultiplexer>(serviceKey)
                : ConnectionMultiplexer.Connect(redis.Options()));
            o.XmlRepository = new RedisXmlRepository(() => connection.Value.GetDatabase(), key);
        });

        // Chosen, not defaulted: the keys are not encrypted at rest. Redis's password and its NetworkPolicy guard them, as they guard
        // all of the service's state; a certificate to encrypt them would be one more secret to provision and rotate.
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new NullXmlEncryptor());
        return builder;
    }
}
