namespace Pi.Orleans.Experiments.Local;

/// <summary>When the sampler first saw a silo listed as chunk-running, busy (a slot used or a chunk done), and with a completed chunk.</summary>
public sealed class SiloFirsts
{
    public double? Listed { get; set; }

    public double? Busy { get; set; }

    public double? ChunkCompleted { get; set; }
}
