using Microsoft.Extensions.Time.Testing;
using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Grains.Tests.Calculations;

public sealed class ChainedWriterTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new();
    private readonly List<TaskCompletionSource> _writes = [];
    private readonly List<Exception> _failures = [];
    private readonly SemaphoreSlim _written = new(0);

    [Fact]
    public async Task AWriteStartsOnlyWhenThePreviousOneHasEnded()
    {
        var writer = new ChainedWriter(StartWrite, Interval, _time);

        var calls = Enumerable.Range(0, 3).Select(_ => writer.WriteAsync()).ToList();
        for (var i = 0; i < calls.Count; i++)
        {
            Assert.Equal(i + 1, WriteCount());
            _writes[i].SetResult();
            await calls[i];
        }
    }

    [Fact]
    public async Task AFailedWriteFailsOnlyItsOwnCallerAndTheNextWriteStillRuns()
    {
        var writer = new ChainedWriter(StartWrite, Interval, _time);
        var failing = writer.WriteAsync();
        var next = writer.WriteAsync();

        _writes[0].SetException(new IOException("storage away"));
        _writes[1].SetResult();

        await next;
        await Assert.ThrowsAsync<IOException>(() => failing);
    }

    [Fact]
    public async Task ProgressIsWrittenAtMostOncePerIntervalAfterTheLastWrite()
    {
        var writer = new ChainedWriter(CompletedWrite, Interval, _time);
        writer.CountAsWritten();

        await writer.WriteIfDueAsync(_failures.Add);
        _time.Advance(Interval - TimeSpan.FromTicks(1));
        await writer.WriteIfDueAsync(_failures.Add);
        Assert.Empty(_writes);
        _time.Advance(TimeSpan.FromTicks(1));
        await writer.WriteIfDueAsync(_failures.Add);
        await writer.WriteIfDueAsync(_failures.Add);

        Assert.Single(_writes);
        Assert.Empty(_failures);
    }

    [Fact]
    public async Task TheFirstProgressWriteOfAResumedCalculationIsDueAtOnce()
    {
        var writer = new ChainedWriter(CompletedWrite, Interval, _time);

        await writer.WriteIfDueAsync(_failures.Add);

        Assert.Single(_writes);
    }

    [Fact]
    public async Task AFailedProgressWriteIsReportedNotThrownAndTheNextOneIsStillDue()
    {
        var writer = new ChainedWriter(FailingWrite, Interval, _time);

        await writer.WriteIfDueAsync(_failures.Add);
        await writer.WriteIfDueAsync(_failures.Add);

        Assert.Equal(2, _failures.Count);
        Assert.All(_failures, f => Assert.IsType<IOException>(f));
    }

    [Fact]
    public async Task TheFinalWriteIsTriedFiveTimesOneTwoThreeAndFourSecondsApartThenItsErrorIsThrown()
    {
        var writer = new ChainedWriter(FailingWrite, Interval, _time);

        var final = writer.WriteFinalAsync(_failures.Add);
        for (var pause = 1; pause <= 4; pause++)
        {
            Assert.Equal(pause, WriteCount());
            _time.Advance(TimeSpan.FromSeconds(pause) - TimeSpan.FromTicks(1));
            Assert.Equal(pause, WriteCount());
            _time.Advance(TimeSpan.FromTicks(1));
            await WaitForWritesAsync(pause + 1);
        }

        await Assert.ThrowsAsync<IOException>(() => final);
        Assert.Equal(5, _writes.Count);
        Assert.Equal(4, _failures.Count);
    }

    [Fact]
    public async Task TheFinalWriteStopsAtTheFirstSuccess()
    {
        var failuresLeft = 2;
        var writer = new ChainedWriter(() => failuresLeft-- > 0 ? FailingWrite() : CompletedWrite(), Interval, _time);

        var final = writer.WriteFinalAsync(_failures.Add);
        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitForWritesAsync(2);
        _time.Advance(TimeSpan.FromSeconds(2));
        await final.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(3, _writes.Count);
        Assert.Equal(2, _failures.Count);
    }

    private Task StartWrite()
    {
        var write = new TaskCompletionSource();
        lock (_writes)
        {
            _writes.Add(write);
        }

        _written.Release();
        return write.Task;
    }

    private Task CompletedWrite()
    {
        StartWrite();
        return Task.CompletedTask;
    }

    private Task FailingWrite()
    {
        StartWrite();
        return Task.FromException(new IOException("storage away"));
    }

    // The pause ends in the fake timer's callback; the write after it may run on another thread, so wait for its signal.
    private async Task WaitForWritesAsync(int count)
    {
        while (WriteCount() < count)
        {
            Assert.True(await _written.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), $"write {count} did not start");
        }
    }

    private int WriteCount()
    {
        lock (_writes)
        {
            return _writes.Count;
        }
    }
}
