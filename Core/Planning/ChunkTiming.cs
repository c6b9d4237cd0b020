namespace Pi.Orleans.Core.Planning;

/// <summary>
/// How long a chunk attempt may take: the larger of <see cref="PlanningOptions.ChunkTimeout"/> and <see cref="TimeoutFactor"/> times
/// the plan's chunk duration, and never more than <see cref="CallLimit"/>, so that the chunk call ends before Orleans' own
/// response timeout (30 s) turns it into an error the calculation cannot tell from a dead silo.
/// </summary>
public static class ChunkTiming
{
    /// <summary>The longest a chunk attempt may be given: Orleans' 30 s response timeout less a 5 s margin.</summary>
    public static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(25);

    /// <summary>
    /// A chunk's timeout is at least this many times its planned duration: one chunk queued ahead of it in its slot (the
    /// default <c>Pi:InFlightPerSlot</c> is 2), its own run, and as much again for a busier or slower silo.
    /// </summary>
    public const int TimeoutFactor = 4;

    /// <summary>
    /// How long a chunk should take on a cluster of <paramref name="slots"/> chunk slots: <see cref="PlanningOptions.ChunkDuration"/>,
    /// longer when that many slots would send one calculation more than <see cref="PlanningOptions.MaxCompletionsPerSecond"/>
    /// completions, and at most <see cref="CallLimit"/> ÷ <see cref="TimeoutFactor"/>; zero when chunks are cut by points.
    /// </summary>
    internal static TimeSpan TargetDuration(PlanningOptions options, int slots)
    {
        if (options.ChunkDuration <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var seconds = Math.Max(options.ChunkDuration.TotalSeconds, (double)slots / options.MaxCompletionsPerSecond);
        return TimeSpan.FromSeconds(Math.Min(seconds, CallLimit.TotalSeconds / TimeoutFactor));
    }

    /// <summary>The timeout of an attempt of a chunk planned to take <paramref name="plannedSeconds"/> (0: unknown).</summary>
    public static TimeSpan Timeout(TimeSpan chunkTimeout, double plannedSeconds) =>
        TimeSpan.FromSeconds(Math.Max(chunkTimeout.TotalSeconds, TimeoutFactor * plannedSeconds));

    /// <summary>
    /// Why a calculation planned as <paramref name="plan"/> cannot finish at <paramref name="pointsPerSecondPerSlot"/>, or null
    /// when it can: a chunk whose timeout would pass <see cref="CallLimit"/> would time out on every attempt.
    /// </summary>
    internal static string? Refusal(ChunkPlan plan, double pointsPerSecondPerSlot, PlanningOptions options)
    {
        var seconds = plan.ChunkSeconds(pointsPerSecondPerSlot);
        if (Timeout(options.ChunkTimeout, seconds) <= CallLimit)
        {
            return null;
        }

        return $"{plan.TotalPoints} points need {plan.ChunkCount} chunks of {plan.ChunkPoints} points, {seconds:0.#} s each at the measured "
            + $"{pointsPerSecondPerSlot:0.###e0} points/s per slot; a chunk may take at most {CallLimit.TotalSeconds / TimeoutFactor:0.##} s "
            + "(Orleans' response timeout). Submit fewer points, or raise Pi:MaxChunks.";
    }
}
