using Microsoft.Extensions.Time.Testing;
using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Core.Scheduling;

namespace Pi.Orleans.Grains.Tests.Scheduling;

// Drives a whole distributed run through ChunkScheduler on a virtual clock, with no Orleans: silos join, one fails every attempt.
public sealed class VirtualClusterTests
{
    private const int Chunks = 200;
    private static readonly TimeSpan ChunkTakes = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FailureTakes = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan BJoins = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CLeaves = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider _time = new();
    private readonly DateTimeOffset _start;

    public VirtualClusterTests() => _start = _time.GetUtcNow();

    [Fact]
    public void EveryChunkSucceedsOnceWhileTheWindowGrowsWithJoiningSilosAndADeadSiloIsAvoided()
    {
        var scheduler = ChunkScheduler.Create(singleSilo: false, Chunks, index => index, new PiOptions().ToScheduling(), _time);
        var running = new PriorityQueue<(ChunkDispatch Dispatch, bool Succeeds), DateTimeOffset>();
        var succeeded = new List<int>();
        var sentTo = new Dictionary<string, int>();
        var widestBeforeB = 0;
        var widestAfterB = 0;
        for (var step = 0; !scheduler.IsDone; step++)
        {
            Assert.True(step < 10_000, "the run did not finish");
            foreach (var dispatch in scheduler.Dispatch(Silos()))
            {
                var silo = dispatch.Silo ?? throw new InvalidOperationException("every attempt is aimed at a silo");
                sentTo[silo] = sentTo.GetValueOrDefault(silo) + 1;
                var succeeds = silo != "c";
                running.Enqueue((dispatch, succeeds), _time.GetUtcNow() + (succeeds ? ChunkTakes : FailureTakes));
            }

            if (Elapsed() < BJoins)
            {
                widestBeforeB = Math.Max(widestBeforeB, scheduler.InFlight.Count);
            }
            else
            {
                widestAfterB = Math.Max(widestAfterB, scheduler.InFlight.Count);
            }

            AdvanceToNextEvent(scheduler, running);
            while (running.TryPeek(out var ended, out var at) && at <= _time.GetUtcNow())
            {
                running.Dequeue();
                if (ended.Succeeds)
                {
                    scheduler.Succeeded(ended.Dispatch);
                    succeeded.Add(ended.Dispatch.Index);
                }
                else
                {
                    Assert.True(scheduler.Failed(ended.Dispatch), $"chunk {ended.Dispatch.Index} ran out of attempts");
                }
            }
        }

        Assert.Equal(Enumerable.Range(0, Chunks), succeeded.Order());
        Assert.Equal(8, widestBeforeB);
        Assert.Equal(16, widestAfterB);
        Assert.True(sentTo["b"] > sentTo["a"], $"sent: {string.Join(", ", sentTo)}");
        Assert.True(sentTo["c"] < 10, $"the failing silo got {sentTo["c"]} attempts");
    }

    private TimeSpan Elapsed() => _time.GetUtcNow() - _start;

    // a from the start, b from 5 s, and c (which fails every attempt) until membership drops it at 20 s.
    private List<SiloSlots> Silos()
    {
        var silos = new List<SiloSlots> { Silo("a", 2) };
        if (Elapsed() >= BJoins)
        {
            silos.Add(Silo("b", 4));
        }

        if (Elapsed() < CLeaves)
        {
            silos.Add(Silo("c", 2));
        }

        return silos;
    }

    // To the next attempt's end, the scheduler's wake-up or a change of silos, whichever comes first.
    private void AdvanceToNextEvent(ChunkScheduler scheduler, PriorityQueue<(ChunkDispatch, bool), DateTimeOffset> running)
    {
        var now = _time.GetUtcNow();
        var next = new[] { _start + BJoins, _start + CLeaves }.Where(t => t > now).Append(DateTimeOffset.MaxValue).Min();
        if (running.TryPeek(out _, out var end) && end < next)
        {
            next = end;
        }

        if (scheduler.WakeIn() is { } wake && now + wake < next)
        {
            next = now + wake;
        }

        Assert.NotEqual(DateTimeOffset.MaxValue, next);
        _time.Advance(next - now);
    }

    private static SiloSlots Silo(string address, int slots) =>
        new(address, slots, Used: 0, Queued: 0, RunsChunks: true, ChunksCompleted: 0, PendingChunks: 0, Name: address);
}
