namespace Pi.Orleans.Grains.Placement;

/// <summary>
/// Places an activation on the silo named in the request context under <see cref="TargetSilo.Key"/> when that silo can host
/// it, else on a random compatible silo. The caller chooses the silo from the slots it knows, so a burst of chunks spreads
/// evenly instead of by chance.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("pi.SlotAwarePlacement")]
internal sealed class SlotAwarePlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static SlotAwarePlacement Singleton { get; } = new();
}
