using Microsoft.Extensions.Time.Testing;
using Pi.Orleans.Core.Estimates;
using Pi.Orleans.Core.Scheduling;
using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Grains.Tests.Scheduling;

public sealed class ChunkSchedulerTests
{
    private static readonly TimeSpan NoWorkersTimeout = new PiOptions().NoWorkersTimeout;
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AFailedAttemptGoesOutAgainAfterAPauseThatDoublesFromAFifthOfASecondUpToFiveSeconds()
    {
        var scheduler = Balanced(chunks: 1, maxAttempts: 10);
        var pauses = new List<TimeSpan>();
        var attempt = Assert.Single(scheduler.Dispatch([Silo("a", 1)]));

        for (var i = 0; i < 7; i++)
        {
            Assert.True(scheduler.Failed(attempt));
            var pause = scheduler.WakeIn()!.Value;
            pauses.Add(pause);
            _time.Advance(pause - TimeSpan.FromTicks(1));
            Assert.Empty(scheduler.Dispatch([Silo("a", 1)]));
            _time.Advance(TimeSpan.FromTicks(1));
            attempt = Assert.Single(scheduler.Dispatch([Silo("a", 1)]));
        }

        Assert.Equal([200, 400, 800, 1600, 3200, 5000, 5000], pauses.Select(p => p.TotalMilliseconds));
        Assert.Equal(8, attempt.Attempt);
        Assert.Equal(0, attempt.Index);
    }

    [Fact]
    public void AChunkThatFailedOnEveryAllowedAttemptIsNotSentAgain()
    {
        var scheduler = Balanced(chunks: 1, maxAttempts: 3);

        for (var attempt = 1; attempt < 3; attempt++)
        {
            var sent = Assert.Single(scheduler.Dispatch([Silo("a", 1)]));
            Assert.Equal(attempt, sent.Attempt);
            Assert.True(scheduler.Failed(sent));
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        var last = Assert.Single(scheduler.Dispatch([Silo("a", 1)]));
        Assert.False(scheduler.Failed(last));
        Assert.Null(scheduler.WakeIn());
        Assert.Empty(scheduler.Dispatch([Silo("a", 1)]));
    }

    [Fact]
    public void WithNoSiloToSendToItLooksAgainEverySecondAndGivesUpOnlyAfterTheNoWorkersTimeout()
    {
        var scheduler = Balanced(chunks: 4);

        Assert.Empty(scheduler.Dispatch([]));
        Assert.Equal(TimeSpan.FromSeconds(1), scheduler.WakeIn());
        _time.Advance(NoWorkersTimeout);
        Assert.Empty(scheduler.Dispatch([]));
        _time.Advance(TimeSpan.FromTicks(1));

        var error = Assert.Throws<InvalidOperationException>(() => scheduler.Dispatch([]));
        Assert.Contains("no silo has run chunks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASiloThatJoinsBeforeTheTimeoutGetsTheWorkAndRestartsTheNoWorkersWait()
    {
        var scheduler = Balanced(chunks: 4);
        scheduler.Dispatch([]);
        _time.Advance(NoWorkersTimeout - TimeSpan.FromSeconds(1));

        Assert.Equal(2, scheduler.Dispatch([Silo("a", 1)]).Count);
        Assert.Null(scheduler.WakeIn());
        Assert.Empty(scheduler.Dispatch([]));
        _time.Advance(NoWorkersTimeout);
        Assert.Empty(scheduler.Dispatch([]));
    }

    [Fact]
    public void TheWindowGrowsAsSilosJoinAndTheNewSiloGetsTheNextChunks()
    {
        var scheduler = Balanced(chunks: 100);

        var first = scheduler.Dispatch([Silo("a", 2)]);
        var second = scheduler.Dispatch([Silo("a", 2), Silo("b", 2)]);
        var third = scheduler.Dispatch([Silo("a", 2), Silo("b", 2), Silo("c", 4)]);

        Assert.Equal(["a", "a", "a", "a"], first.Select(d => d.Silo));
        Assert.Equal(["b", "b", "b", "b"], second.Select(d => d.Silo));
        Assert.Equal(8, third.Count);
        Assert.All(third, d => Assert.Equal("c", d.Silo));
        Assert.Equal("name-c", third[0].SiloName);
        Assert.Equal(16, scheduler.InFlight.Count);
        Assert.Equal(Enumerable.Range(0, 16), first.Concat(second).Concat(third).Select(d => d.Index));
    }

    [Fact]
    public void AnEndedAttemptMakesRoomForTheNextChunkOnTheLeastLoadedSilo()
    {
        var scheduler = Balanced(chunks: 10);
        var silos = new[] { Silo("a", 1), Silo("b", 1) };
        var sent = scheduler.Dispatch(silos);

        scheduler.Succeeded(sent.First(d => d.Silo == "b"));
        var next = Assert.Single(scheduler.Dispatch(silos));

        Assert.Equal("b", next.Silo);
        Assert.Equal(4, next.Index);
    }

    [Fact]
    public void ASiloWhoseAttemptJustFailedIsAvoidedForFifteenSecondsAndItsSlotsLeaveTheWindow()
    {
        var scheduler = Balanced(chunks: 10, perSlot: 1);
        var silos = new[] { Silo("a", 1), Silo("b", 1), Silo("c", 1) };
        var sent = scheduler.Dispatch(silos);

        scheduler.Failed(sent.Single(d => d.Silo == "a"));
        scheduler.Succeeded(sent.Single(d => d.Silo == "b"));
        _time.Advance(TimeSpan.FromSeconds(1));
        var afterFailure = Assert.Single(scheduler.Dispatch(silos));
        scheduler.Succeeded(afterFailure);
        _time.Advance(TimeSpan.FromSeconds(15));
        var later = scheduler.Dispatch(silos);

        Assert.Equal("b", afterFailure.Silo);
        Assert.Equal(0, afterFailure.Index);
        Assert.Contains("a", later.Select(d => d.Silo));
    }

    [Fact]
    public void SingleModeSendsOneChunkAtATimeAndKeepsToOneSiloUntilAnAttemptFails()
    {
        var scheduler = new ChunkScheduler(new ChunkQueue(3, _time), new SingleSiloRouter(_time), 8, NoWorkersTimeout, _time);
        var silos = new[] { Silo("a", 1), Silo("b", 4) };

        var first = Assert.Single(scheduler.Dispatch(silos));
        Assert.Empty(scheduler.Dispatch(silos));
        scheduler.Succeeded(first);
        var second = Assert.Single(scheduler.Dispatch(silos));
        Assert.True(scheduler.Failed(second));
        _time.Advance(TimeSpan.FromSeconds(1));
        var retry = Assert.Single(scheduler.Dispatch(silos));

        Assert.Equal("b", first.Silo);
        Assert.Equal("b", second.Silo);
        Assert.Equal(("a", 1, 2), (retry.Silo, retry.Index, retry.Attempt));
    }

    [Fact]
    public void ChunksAlreadyFinishedAreNeverSentAndTheRunIsDoneWhenTheRestSucceed()
    {
        var done = Done(0, 2);
        var scheduler = new ChunkScheduler(new ChunkQueue(5, done.NextUndone, _time), new BalancedRouter(2, _time), 8, NoWorkersTimeout, _time);

        var sent = scheduler.Dispatch([Silo("a", 4)]);
        Assert.False(scheduler.IsDone);
        foreach (var dispatch in sent)
        {
            scheduler.Succeeded(dispatch);
        }

        Assert.Equal([1, 3, 4], sent.Select(d => d.Index));
        Assert.True(scheduler.IsDone);
    }

    [Fact]
    public void AnAttemptThatIsNotInFlightCannotEndTwice()
    {
        var scheduler = Balanced(chunks: 1);
        var sent = Assert.Single(scheduler.Dispatch([Silo("a", 1)]));
        scheduler.Succeeded(sent);

        Assert.Throws<InvalidOperationException>(() => scheduler.Failed(sent));
    }

    [Fact]
    public void ARetryThatFallsDueWhileTheWindowIsFullWaitsForAnAttemptToEnd()
    {
        var scheduler = Balanced(chunks: 10, perSlot: 1);
        var silos = new[] { Silo("a", 2) };
        var sent = scheduler.Dispatch(silos);
        scheduler.Failed(sent[0]);
        var refill = Assert.Single(scheduler.Dispatch(silos));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(scheduler.WakeIn());
        Assert.Empty(scheduler.Dispatch(silos));
        scheduler.Succeeded(refill);
        var retry = Assert.Single(scheduler.Dispatch(silos));

        Assert.Equal((0, 2), (retry.Index, retry.Attempt));
    }

    [Fact]
    public void ACalculationsModeChoosesHowManyAttemptsAreInFlight()
    {
        var options = new PiOptions { InFlightPerSlot = 3 };
        var silos = new[] { Silo("a", 2), Silo("b", 2) };

        var single = ChunkScheduler.Create(singleSilo: true, 100, index => index, options.ToScheduling(), _time).Dispatch(silos);
        var distributed = ChunkScheduler.Create(singleSilo: false, 100, index => index, options.ToScheduling(), _time).Dispatch(silos);

        Assert.Single(single);
        Assert.Equal(12, distributed.Count);
    }

    [Fact]
    public void AChunkFinishedAfterTheQueueWasMadeIsSkippedWhenTheCursorReachesIt()
    {
        var done = Done();
        var scheduler = new ChunkScheduler(new ChunkQueue(6, done.NextUndone, _time), new BalancedRouter(1, _time), 8, NoWorkersTimeout, _time);
        var silos = new[] { Silo("a", 2) };
        var first = scheduler.Dispatch(silos);
        done.Add(2);
        done.Add(3);
        foreach (var dispatch in first)
        {
            scheduler.Succeeded(dispatch);
        }

        Assert.Equal([0, 1], first.Select(d => d.Index));
        Assert.Equal([4, 5], scheduler.Dispatch(silos).Select(d => d.Index));
    }

    [Fact]
    public void TheRunIsDoneWhenEveryChunkLeftWasFinishedElsewhere()
    {
        var done = Done();
        var scheduler = new ChunkScheduler(new ChunkQueue(3, done.NextUndone, _time), new BalancedRouter(1, _time), 8, NoWorkersTimeout, _time);
        var first = Assert.Single(scheduler.Dispatch([Silo("a", 1)]));
        done.Add(1);
        done.Add(2);

        scheduler.Succeeded(first);

        Assert.True(scheduler.IsDone);
    }

    [Fact]
    public void AmongAThousandSilosEachChunkGoesToTheLeastLoadedAndTheLoadStaysEven()
    {
        var scheduler = Balanced(chunks: 100_000, perSlot: 2);
        var silos = Enumerable.Range(0, 1000).Select(i => Silo($"s{i:D4}", 8)).ToList();

        var sent = scheduler.Dispatch(silos);
        var perSilo = sent.GroupBy(d => d.Silo).Select(g => g.Count()).ToList();

        Assert.Equal(16_000, sent.Count);
        Assert.Equal(1000, perSilo.Count);
        Assert.All(perSilo, count => Assert.Equal(16, count));
        Assert.All(sent, d => Assert.Equal("name-" + d.Silo, d.SiloName));
    }

    private static DoneChunks Done(params int[] indexes)
    {
        var done = new DoneChunks();
        foreach (var index in indexes)
        {
            done.Add(index);
        }

        return done;
    }

    private static SiloSlots Silo(string address, int slots) =>
        new(address, slots, Used: 0, Queued: 0, RunsChunks: true, ChunksCompleted: 0, PendingChunks: 0, Name: "name-" + address);

    private ChunkScheduler Balanced(int chunks, int maxAttempts = 8, int perSlot = 2) =>
        new(new ChunkQueue(chunks, _time), new BalancedRouter(perSlot, _time), maxAttempts, NoWorkersTimeout, _time);
}
