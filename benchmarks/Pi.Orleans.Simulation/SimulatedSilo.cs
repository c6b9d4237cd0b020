namespace Pi.Orleans.Simulation;

/// <summary>One worker silo: its slots run the chunks it gets one after another, each slot free again at a known time.</summary>
public sealed class SimulatedSilo(int number, int slots, double slotRate)
{
    private readonly PriorityQueue<int, DateTimeOffset> _slotsFreeAt = Slots(slots);

    /// <summary>The slots snapshot the scheduler sees.</summary>
    public SlotSnapshot Snapshot { get; } = new($"S10.{number / 65536}.{number / 256 % 256}.{number % 256}:11111:1", slots, 0, 0, true, 0, 0, $"worker-{number}", slotRate);

    /// <summary>When the silo failed; null while it runs.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>Whether the silo left gracefully (it finishes what it has).</summary>
    public bool Left { get; set; }

    /// <summary>When a chunk of <paramref name="duration"/> sent now ends on the first free slot; the slot is busy until then.</summary>
    public DateTimeOffset Run(DateTimeOffset now, TimeSpan duration)
    {
        _slotsFreeAt.TryDequeue(out _, out var free);
        var end = (free > now ? free : now) + duration;
        _slotsFreeAt.Enqueue(0, end);
        return end;
    }

    private static PriorityQueue<int, DateTimeOffset> Slots(int count)
    {
        var queue = new PriorityQueue<int, DateTimeOffset>();
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(0, DateTimeOffset.MinValue);
        }

        return queue;
    }
}
