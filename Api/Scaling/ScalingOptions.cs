using System.ComponentModel.DataAnnotations;

namespace Pi.Orleans.Api.Scaling;

/// <summary>The worker range and slot size the backlog signal uses, bound from the "Scaling" section.</summary>
public sealed class ScalingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scaling";

    /// <summary>Fewest workers to ask for. Default: 1.</summary>
    [Range(0, 10_000)]
    public int MinWorkers { get; set; } = 1;

    /// <summary>Most workers to ask for. Default: 3.</summary>
    [Range(1, 10_000)]
    public int MaxWorkers { get; set; } = 3;

    /// <summary>Slots one worker has; 0 means the largest slot count among the running workers. Default: 0.</summary>
    [Range(0, 4096)]
    public int SlotsPerWorker { get; set; }
}
