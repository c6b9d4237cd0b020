namespace Pi.Orleans.Core.Estimates;

/// <summary>The cluster's sampling speed from its silos' <see cref="SiloSlots"/>s; only silos that run chunks and know their rate count.</summary>
public static class SlotThroughput
{
    /// <summary>Points per second of one slot, averaged over every measured slot; 0 when no silo knows its rate.</summary>
    public static double PointsPerSecondPerSlot(this IEnumerable<SiloSlots> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        long slots = 0;
        var rate = 0d;
        foreach (var silo in silos.Where(Measured))
        {
            slots += silo.Total;
            rate += silo.Total * silo.PointsPerSecondPerSlot;
        }

        return slots == 0 ? 0 : rate / slots;
    }

    /// <summary>Points per second of every measured slot together: what the cluster samples with all its slots busy.</summary>
    public static double PointsPerSecond(this IEnumerable<SiloSlots> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        return silos.Where(Measured).Sum(s => s.Total * s.PointsPerSecondPerSlot);
    }

    private static bool Measured(SiloSlots silo) => silo.RunsChunks && silo.PointsPerSecondPerSlot > 0 && silo.Total > 0;
}
