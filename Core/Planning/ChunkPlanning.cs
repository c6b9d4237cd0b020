namespace Pi.Orleans.Core.Planning;

/// <summary>What <see cref="ChunkPlanner.Plan"/> decided for one calculation.</summary>
/// <param name="Plan">The chunks.</param>
/// <param name="PointsPerSecondPerSlot">The measured rate of one slot the plan was cut for; 0 when unknown.</param>
/// <param name="ChunkSeconds">How long a body chunk should take at that rate; 0 when unknown.</param>
/// <param name="ChunkTimeout">How long one attempt of a chunk may take.</param>
/// <param name="Refusal">Why the calculation cannot finish (its chunks would time out on every attempt); null when it can.</param>
public sealed record ChunkPlanning(ChunkPlan Plan, double PointsPerSecondPerSlot, double ChunkSeconds, TimeSpan ChunkTimeout, string? Refusal)
{
    /// <summary>Whether the calculation is refused.</summary>
    public bool IsRefused => Refusal is not null;
}
