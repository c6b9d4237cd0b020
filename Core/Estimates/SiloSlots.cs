namespace Pi.Orleans.Core.Estimates;

/// <summary>
/// One silo's chunk slots as the planner, the scheduler and the estimates read them: how many exist, how many run a chunk
/// and how many chunks wait; the unfinished chunks of the calculations it hosts; and the points one of its slots samples
/// per second (0 when unknown or when the silo runs no chunks). The silo reports it on the wire as a <c>SlotSnapshot</c>,
/// which Grains maps to this, so nothing here needs Orleans.
/// </summary>
/// <param name="Silo">The silo's address, as Orleans writes it (<c>SiloAddress.ToParsableString</c>).</param>
/// <param name="Total">Its chunk slots.</param>
/// <param name="Used">Slots running a chunk now.</param>
/// <param name="Queued">Chunks waiting for a slot.</param>
/// <param name="RunsChunks">Whether the silo hosts chunk grains.</param>
/// <param name="ChunksCompleted">Chunks it has computed since it started.</param>
/// <param name="PendingChunks">Unfinished chunks of the calculations it hosts.</param>
/// <param name="Name">The silo's name.</param>
/// <param name="PointsPerSecondPerSlot">The measured rate of one of its slots; 0 when unknown.</param>
public sealed record SiloSlots(
    string Silo, int Total, int Used, int Queued, bool RunsChunks, long ChunksCompleted, long PendingChunks, string Name, double PointsPerSecondPerSlot = 0);
