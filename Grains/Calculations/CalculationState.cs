using Pi.Orleans.Core.Planning;
using Pi.Orleans.Grains.History;

namespace Pi.Orleans.Grains.Calculations;

/// <summary>
/// The persisted state of one calculation, bounded by design: running sums of the finished chunks, a compact record of which
/// are done (so a retried or duplicated result is never counted twice) and the silos that computed them; nothing per chunk.
/// </summary>
[GenerateSerializer, Alias("pi.CalculationState")]
public sealed class CalculationState : IHistoryRecord
{
    /// <summary>The calculation grain's name for this state in the calculation storage.</summary>
    public const string StateName = "calculation";

    [NonSerialized]
    private HashSet<string>? _silosSeen;

    [Id(0)] public CalculationRequest? Request { get; set; }
    [Id(1)] public CalculationStatus Status { get; set; }
    /// <summary>
    /// One entry per chunk, as states were written before the state became bounded; read from such a state, folded into the
    /// sums by <see cref="FoldOldChunks"/> when it is activated, and never written again.
    /// </summary>
    [Id(2)] public Dictionary<int, ChunkEntry>? Chunks { get; set; }

    [Id(3)] public List<string> Silos { get; set; } = [];
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public DateTimeOffset? StartedAt { get; set; }
    [Id(6)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(7)] public string? Error { get; set; }
    [Id(8)] public long BlocksPerChunk { get; set; }
    [Id(9)] public int ChunksTotal { get; set; }
    [Id(10)] public int ChunkRetries { get; set; }
    [Id(11)] public DoneChunks Done { get; set; } = new();
    [Id(12)] public long Inside { get; set; }
    [Id(13)] public long PointsDone { get; set; }

    /// <summary>The chunk duration the plan aimed at, in seconds; 0 when the plan was cut by points (no measured rate).</summary>
    [Id(14)] public double PlannedChunkSeconds { get; set; }

    /// <summary>Chunks per tier of the plan's tapered tail; 0 for a uniform plan (every plan made before plans tapered).</summary>
    [Id(15)] public int TaperWidth { get; set; }

    /// <summary>The blocks of the plan's smallest tail chunks; 0 for a uniform plan.</summary>
    [Id(16)] public long TaperFloorBlocks { get; set; }

    /// <summary>Adds the counts of chunk <paramref name="index"/>; false (and nothing added) when it was counted already.</summary>
    public bool Record(int index, ChunkResult result)
    {
        if (!Done.Add(index))
        {
            return false;
        }

        Inside += result.Inside;
        PointsDone += result.Total;
        _silosSeen ??= [.. Silos];
        if (_silosSeen.Add(result.Silo))
        {
            Silos.Add(result.Silo);
        }

        return true;
    }

    /// <summary>
    /// Moves the per-chunk entries of a state written before the state became bounded into <see cref="Done"/> and the sums, so
    /// that an old calculation keeps its counts and resumes with only its unfinished chunks.
    /// </summary>
    public void FoldOldChunks()
    {
        if (Chunks is null)
        {
            return;
        }

        foreach (var (index, chunk) in Chunks)
        {
            Record(index, new ChunkResult(chunk.Inside, chunk.Total, Silos[chunk.Silo], 0, 0));
        }

        Chunks = null;
    }

    /// <summary>Inside and sampled points over the finished chunks.</summary>
    public (long Inside, long Done) Counts() => (Inside, PointsDone);

    /// <summary>A new calculation's state: <paramref name="request"/> cut as <paramref name="planning"/> planned it, created at <paramref name="now"/>.</summary>
    public static CalculationState Planned(CalculationRequest request, ChunkPlanning planning, CalculationStatus status, DateTimeOffset now) => new()
    {
        Request = request,
        Status = status,
        CreatedAt = now,
        BlocksPerChunk = planning.Plan.BlocksPerChunk,
        TaperWidth = planning.Plan.TaperWidth,
        TaperFloorBlocks = planning.Plan.TaperFloorBlocks,
        ChunksTotal = planning.Plan.ChunkCount,
        PlannedChunkSeconds = planning.ChunkSeconds,
    };

    /// <summary>What readers see of calculation <paramref name="id"/> in this state.</summary>
    public CalculationSnapshot Snapshot(Guid id) => new(
        id, Request!, Status, ChunksTotal, ChunksDone(), Inside, PointsDone, [.. Silos], CreatedAt, StartedAt, FinishedAt, Error, ChunkRetries);

    /// <summary>How many chunks are finished.</summary>
    public int ChunksDone() => Done.Count;

    /// <summary>The plan the calculation was cut by; a resume uses the same one, so the results stay bit-identical.</summary>
    public ChunkPlan Plan() => ChunkPlan.Of(Request!.TotalPoints, BlocksPerChunk, TaperWidth, TaperFloorBlocks);

    // Explicit, so that the JSON storage serializer does not write it.
    bool IHistoryRecord.IsFinished => !Status.IsActive();
}
