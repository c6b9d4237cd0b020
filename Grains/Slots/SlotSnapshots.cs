using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Grains.Slots;

/// <summary>The edge between the wire and the core: a silo reports a <see cref="SlotSnapshot"/>, the planner reads <see cref="SiloSlots"/>.</summary>
internal static class SlotSnapshots
{
    public static SiloSlots ToCore(this SlotSnapshot s) =>
        new(s.Silo, s.Total, s.Used, s.Queued, s.RunsChunks, s.ChunksCompleted, s.PendingChunks, s.Name, s.PointsPerSecondPerSlot);
}
