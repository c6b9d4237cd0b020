using Pi.Orleans.Core.Estimates;

namespace Pi.Orleans.Grains;

/// <summary>
/// What a host (the Api) reads from the cluster through its own silo: every active silo's chunk slots, as the planner and
/// the estimates take them. Registered by <see cref="PiGrainsExtensions.AddPiGrains"/>; the silo-local reader behind it
/// (the slots service of each silo, asked over Orleans) stays inside the grains.
/// </summary>
public interface IClusterReadings
{
    /// <summary>The slots of every active silo now; a silo that does not answer within 2 s is left out.</summary>
    Task<IReadOnlyList<SiloSlots>> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>The same, about 2 s old and answered at once after the first read: for hot paths.</summary>
    Task<IReadOnlyList<SiloSlots>> ReadCachedAsync(CancellationToken cancellationToken = default);
}
