namespace Pi.Orleans.Grains.Placement;

/// <summary>
/// Registered by a host that gives chunk grains a grain directory of their own (Redis mode: in Redis), named <see cref="Name"/>.
/// Without it (the embedded default, test clusters) chunk grains use the default directory.
/// </summary>
public sealed class ChunkDirectory
{
    /// <summary>The directory's name.</summary>
    public const string Name = "pi-chunks";
}
