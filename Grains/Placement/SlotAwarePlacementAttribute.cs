using Orleans.Placement;

namespace Pi.Orleans.Grains.Placement;

/// <summary>Marks a grain class for <see cref="SlotAwarePlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class SlotAwarePlacementAttribute() : PlacementAttribute(SlotAwarePlacement.Singleton);
