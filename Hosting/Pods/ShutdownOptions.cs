using System.ComponentModel.DataAnnotations;

namespace Pi.Orleans.Hosting.Pods;

/// <summary>How a silo leaves on SIGTERM, bound from the "Shutdown" configuration section.</summary>
public sealed class ShutdownOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Shutdown";

    /// <summary>How long the stopping host keeps answering 503 on /health/ready before Orleans stops. Default: 5 s in Kubernetes, 0 elsewhere.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ReadinessDelay { get; set; }
}
