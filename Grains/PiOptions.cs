using System.ComponentModel.DataAnnotations;
using Pi.Orleans.Core.Planning;
using Pi.Orleans.Core.Sampling;
using Pi.Orleans.Core.Scheduling;

namespace Pi.Orleans.Grains;

/// <summary>Settings of the computation, bound from the "Pi" configuration section.</summary>
public sealed class PiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Pi";

    /// <summary>Chunks this silo runs at once; 0 means one per processor. Default: 0.</summary>
    [Range(0, 4096)]
    public int Slots { get; set; }

    /// <summary>
    /// The Linux nice value of the sampling threads (0 to 19). 0 shares the CPU evenly with the silo's own threads: the embedded
    /// default under 16 clients served 3,356 small requests a second at 0 and 3,014–3,080 at 19, which gave the CPU to the load
    /// generator on the same machine (docs/performance.md). 19 lets the silo's threads run first within its pod under a CPU limit;
    /// the dedicated threads alone already removed the thread-pool stalls there. Default: 0.
    /// </summary>
    [Range(0, 19)]
    public int SamplerNice { get; set; }

    /// <summary>Points per chunk when the slots' rate is not measured (or <see cref="ChunkDuration"/> is zero), rounded up to whole blocks; raised when a calculation would need more than <see cref="MaxChunks"/> chunks. Default: 536,870,912 (2^29).</summary>
    [Range(PointsPerBlock, long.MaxValue)]
    public long ChunkPoints { get; set; } = 1L << 29;

    /// <summary>How long one chunk should take on a slot at the slots' measured points per second; zero cuts chunks by <see cref="ChunkPoints"/> only. Default: 00:00:01.</summary>
    public TimeSpan ChunkDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most chunk completions per second one calculation aims at: one grain receives them all, so with many slots chunks grow past <see cref="ChunkDuration"/> until slots ÷ chunk duration is under this (up to 6.25 s chunks). Default: 7,500, half the 14,900 a calculation grain took over TCP on a 2-core machine (docs/scale.md).</summary>
    [Range(1, int.MaxValue)]
    public int MaxCompletionsPerSecond { get; set; } = 7500;

    /// <summary>Most chunks in one calculation: a sanity bound on the chunk index, not on the state, which does not grow with the chunks. Default: 1,073,741,824 (2^30).</summary>
    [Range(1, int.MaxValue)]
    public int MaxChunks { get; set; } = 1 << 30;

    /// <summary>
    /// At least this many chunks per chunk-running slot when the points allow (chunks no shorter than <see cref="MinChunkDuration"/>):
    /// enough that the last wave is small and silos that join during a calculation get work. Default: 4.
    /// </summary>
    [Range(1, 1024)]
    public int ChunksPerSlot { get; set; } = 4;

    /// <summary>
    /// The shortest chunk a plan cuts at the measured rate, so that a chunk's own cost (placing, activating and answering a
    /// grain, about 1 ms) stays under 2% of it; the last chunks of a plan shrink towards it. Default: 00:00:00.1.
    /// </summary>
    public TimeSpan MinChunkDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether a straggling chunk attempt gets a duplicate on another silo (the first result counts). Default: true.</summary>
    public bool Speculation { get; set; } = true;

    /// <summary>How many times its expected time (the chunks ahead of it on its silo and its own, at that silo's rate) an attempt may take before it is overdue: its silo is suspect and the chunk is duplicated elsewhere. Default: 2.</summary>
    [Range(1.0, 1000.0)]
    public double OverdueFactor { get; set; } = 2;

    /// <summary>Added to an attempt's overdue time, for the delays a short chunk's expected time does not show. Default: 00:00:00.5.</summary>
    public TimeSpan OverdueSlack { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Chunk calls in flight per slot of the silos that run chunks. Default: 2.</summary>
    [Range(1, 64)]
    public int InFlightPerSlot { get; set; } = 2;

    /// <summary>Attempts per chunk before the calculation fails; retries pause 0.2 s, doubling up to 5 s. Default: 8.</summary>
    [Range(1, 100)]
    public int MaxChunkAttempts { get; set; } = 8;

    /// <summary>How long a calculation waits while no silo runs chunks before it fails. Default: 00:05:00.</summary>
    public TimeSpan NoWorkersTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one chunk attempt may take, queueing included, before it is retried elsewhere; raised to 4 × the planned chunk duration, and at most 25 s (under Orleans' 30 s response timeout). Default: 00:00:25.</summary>
    public TimeSpan ChunkTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Largest accepted total_points. Default: 10^13.</summary>
    [Range(1, long.MaxValue)]
    public long MaxTotalPoints { get; set; } = 10_000_000_000_000;

    /// <summary>Largest total_points for single mode, whose HTTP request waits for the answer. Default: 2·10^10.</summary>
    [Range(1, long.MaxValue)]
    public long MaxSinglePoints { get; set; } = 20_000_000_000;

    /// <summary>Shortest time between two writes of a running calculation's state. Default: 00:00:01.</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether this silo hosts chunk grains. The front silo clears it in Redis mode. Default: true.</summary>
    public bool RunsChunks { get; set; } = true;

    /// <summary>The sampler kernel: Auto picks the widest the CPU supports; Scalar, Vector256 or Vector512 force one. Default: Auto.</summary>
    public SamplerKernel Kernel { get; set; } = SamplerKernel.Auto;

    private const long PointsPerBlock = PointStreams.BlockSize;

    /// <summary>The effective slot count of this silo.</summary>
    public int EffectiveSlots => Slots > 0 ? Slots : Environment.ProcessorCount;

    /// <summary>The settings the planner cuts a calculation by.</summary>
    public PlanningOptions ToPlanning() => new()
    {
        ChunkPoints = ChunkPoints,
        ChunkDuration = ChunkDuration,
        MaxCompletionsPerSecond = MaxCompletionsPerSecond,
        MaxChunks = MaxChunks,
        ChunksPerSlot = ChunksPerSlot,
        MinChunkDuration = MinChunkDuration,
        ChunkTimeout = ChunkTimeout,
    };

    /// <summary>The settings the scheduler fans a calculation out by.</summary>
    public SchedulingOptions ToScheduling() => new()
    {
        InFlightPerSlot = InFlightPerSlot,
        MaxChunkAttempts = MaxChunkAttempts,
        NoWorkersTimeout = NoWorkersTimeout,
        Speculation = Core.Scheduling.Speculation.From(Speculation, OverdueFactor, OverdueSlack),
    };
}
