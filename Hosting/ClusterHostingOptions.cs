using System.ComponentModel.DataAnnotations;

namespace Pi.Orleans.Hosting;

/// <summary>How a silo joins its cluster, bound from the "Cluster" configuration section.</summary>
public sealed class ClusterHostingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cluster";

    /// <summary>The Orleans service id, shared by every silo. Default: pi-orleans.</summary>
    [Required]
    public string ServiceId { get; set; } = "pi-orleans";

    /// <summary>The Orleans cluster id, shared by every silo. Default: pi.</summary>
    [Required]
    public string ClusterId { get; set; } = "pi";

    /// <summary>Silo-to-silo port. Default: 11111.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Gateway port for Orleans clients. Default: 30000.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on (Redis mode). Default: 127.0.0.1.</summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    /// <summary>The silo's name in membership; empty means role, host and silo port. Default: empty.</summary>
    public string SiloName { get; set; } = "";

    /// <summary>Whether the front silo also computes chunks in Redis mode (it always does in the embedded default). Default: false.</summary>
    public bool FrontRunsChunks { get; set; }
}
