namespace Pi.Orleans.Core.Precision;

/// <summary>
/// The cluster's measured speed now: points per second per slot over the silos' recent window, the chunk slots available
/// and the slots one worker brings. Durations are points / (rate × slots); a rate of 0 means not measured yet.
/// </summary>
/// <param name="PointsPerSecondPerSlot">The measured rate of one slot; 0 when unknown.</param>
/// <param name="Slots">The slots of every silo that runs chunks.</param>
/// <param name="SlotsPerWorker">The slots one worker silo brings.</param>
public sealed record Throughput(double PointsPerSecondPerSlot, int Slots, int SlotsPerWorker)
{
    /// <summary>Whether a rate has been measured and a slot is there to use it.</summary>
    public bool IsKnown => PointsPerSecondPerSlot > 0 && Slots > 0;

    /// <summary>Seconds to sample <paramref name="points"/> with every slot, or with one at a time when <paramref name="oneSlot"/> (single mode); null when unknown.</summary>
    public double? SecondsFor(long points, bool oneSlot = false) =>
        IsKnown ? points / (PointsPerSecondPerSlot * (oneSlot ? 1 : Slots)) : null;

    /// <summary>The workers that finish <paramref name="points"/> within <paramref name="deadlineSeconds"/>: ceil(points / (rate × slots per worker × deadline)), at least 1; null when the rate is unknown.</summary>
    public int? WorkersFor(long points, double deadlineSeconds) =>
        PointsPerSecondPerSlot > 0 && SlotsPerWorker > 0
            ? (int)Math.Clamp(Math.Ceiling(points / (PointsPerSecondPerSlot * SlotsPerWorker * deadlineSeconds)), 1, int.MaxValue)
            : null;

    /// <summary>
    /// The seconds a calculation still needs: 0 once it has finished (not <paramref name="active"/>), the rest of its points at
    /// the current speed while it runs (on one slot when <paramref name="oneSlot"/>), null when unknown.
    /// </summary>
    public double? EtaSeconds(bool active, bool oneSlot, long totalPoints, long pointsDone) =>
        active ? SecondsFor(Math.Max(0, totalPoints - pointsDone), oneSlot) : 0;
}
