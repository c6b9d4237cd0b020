using Microsoft.Extensions.Time.Testing;
using Pi.Orleans.Core.Scheduling;
using Pi.Orleans.Grains.Calculations;

namespace Pi.Orleans.Grains.Tests.Calculations;

public sealed class ChunkCallsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task CallsAreHandedBackInTheOrderTheyEndWithTheirDispatch()
    {
        var calls = new ChunkCalls();
        var first = new TaskCompletionSource<ChunkResult>();
        var second = new TaskCompletionSource<ChunkResult>();
        calls.Add(Dispatch(0), first.Task);
        calls.Add(Dispatch(1), second.Task);

        second.SetException(new TimeoutException());
        var one = await calls.NextAsync(null, _time, TestContext.Current.CancellationToken);
        first.SetResult(new ChunkResult(3, 4, "a", 1, 0));
        var two = await calls.NextAsync(null, _time, TestContext.Current.CancellationToken);

        Assert.Equal((1, true), (one!.Value.Dispatch.Index, one.Value.Call.IsFaulted));
        Assert.Equal((0, 3L), (two!.Value.Dispatch.Index, (await two.Value.Call).Inside));
        Assert.Equal(0, calls.Count);
    }

    [Fact]
    public async Task AWakeUpThatIsAlreadyDueYieldsInsteadOfReturningAtOnce()
    {
        var calls = new ChunkCalls();
        calls.Add(Dispatch(0), new TaskCompletionSource<ChunkResult>().Task);
        var yielded = false;

        // Run on a scheduler that runs one work item at a time, as a grain's does: a wait that returned without yielding would
        // complete before the other work item runs.
        var exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var waited = await Task.Factory.StartNew(
            async () =>
            {
                _ = Task.Factory.StartNew(() => yielded = true, CancellationToken.None, TaskCreationOptions.None, exclusive);
                var next = await calls.NextAsync(TimeSpan.Zero, _time, TestContext.Current.CancellationToken);
                return (next, yielded);
            },
            CancellationToken.None, TaskCreationOptions.None, exclusive).Unwrap();

        Assert.Null(waited.next);
        Assert.True(waited.yielded, "the other work item ran while the wait was due");
    }

    [Fact]
    public async Task TheWakeUpEndsTheWaitWhenNoCallEndsFirst()
    {
        var calls = new ChunkCalls();
        calls.Add(Dispatch(0), new TaskCompletionSource<ChunkResult>().Task);

        var next = calls.NextAsync(TimeSpan.FromSeconds(1), _time, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await next.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(1, calls.Count);
    }

    private static ChunkDispatch Dispatch(int index) => new(index, 1, "a", "a");
}
