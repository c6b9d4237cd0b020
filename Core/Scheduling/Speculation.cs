namespace Pi.Orleans.Core.Scheduling;

/// <summary>
/// When a chunk attempt counts as a straggler and gets a duplicate on another silo. An attempt is expected to end when the
/// chunks ahead of it on its silo and its own points are done at that silo's rate; it is overdue once it has taken
/// <see cref="OverdueFactor"/> times that long plus <see cref="OverdueSlack"/>. Its silo is then suspect for this
/// calculation (no new chunks but one probe at a time) until it answers again.
/// </summary>
/// <param name="Enabled">Whether duplicates are sent at all; suspicion works either way.</param>
/// <param name="OverdueFactor">How many times its expected time an attempt may take before it is overdue.</param>
/// <param name="OverdueSlack">Added to the overdue time: a short chunk's expected time says little about scheduling delays.</param>
/// <param name="TailMargin">
/// With nothing new to send, a running attempt gets a duplicate on an idle silo when its expected time left is more than
/// this many times what the idle silo would take.
/// </param>
public sealed record Speculation(bool Enabled, double OverdueFactor, TimeSpan OverdueSlack, double TailMargin)
{
    /// <summary>The settings of <c>Pi:Speculation</c>, <c>Pi:OverdueFactor</c> and <c>Pi:OverdueSlack</c>, with the tail margin every calculation uses.</summary>
    public static Speculation From(bool enabled, double overdueFactor, TimeSpan overdueSlack) =>
        new(enabled, overdueFactor, overdueSlack, TailMargin: 1.25);

    /// <summary>No duplicates and no time-based suspicion: attempts end when they end.</summary>
    public static Speculation Off { get; } = new(false, double.PositiveInfinity, TimeSpan.Zero, double.PositiveInfinity);
}
