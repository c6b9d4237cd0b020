using Microsoft.Extensions.Options;
using Pi.Orleans.Grains.Slots;

namespace Pi.Orleans.Grains.Tests.Slots;

public sealed class SlotGateTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AChunkSomeoneWaitsForGoesBeforeTheDistributedChunksAlreadyInLine()
    {
        var gate = new SlotGate(1);
        await gate.WaitAsync(first: false, Token);
        var distributed1 = gate.WaitAsync(first: false, Token);
        var distributed2 = gate.WaitAsync(first: false, Token);
        var single1 = gate.WaitAsync(first: true, Token);
        var single2 = gate.WaitAsync(first: true, Token);

        var order = new List<string>();
        foreach (var (name, task) in new[] { ("single1", single1), ("single2", single2), ("distributed1", distributed1), ("distributed2", distributed2) })
        {
            Assert.False(task.IsCompleted, $"{name} before its turn");
            gate.Release();
            await task.WaitAsync(TimeSpan.FromSeconds(30), Token);
            order.Add(name);
        }

        Assert.Equal(["single1", "single2", "distributed1", "distributed2"], order);
    }

    [Fact]
    public async Task AWaiterCancelledInLineTakesNoSlot()
    {
        var gate = new SlotGate(1);
        await gate.WaitAsync(first: false, Token);
        using var cancellation = new CancellationTokenSource();
        var cancelled = gate.WaitAsync(first: true, cancellation.Token);
        var next = gate.WaitAsync(first: false, Token);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        gate.Release();
        await next.WaitAsync(TimeSpan.FromSeconds(30), Token);
        gate.Release();

        // The slot is free again: one waiter gets it at once.
        Assert.True(gate.WaitAsync(first: false, Token).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ManyCallersInBothLinesNeverHoldMoreThanTheSlots()
    {
        var gate = new SlotGate(2);
        var holders = 0;
        var most = 0;
        var callers = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                await gate.WaitAsync(first: (c + i) % 3 == 0, Token);
                var now = Interlocked.Increment(ref holders);
                InterlockedMax(ref most, now);
                await Task.Yield();
                Interlocked.Decrement(ref holders);
                gate.Release();
            }
        }, Token));

        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60), Token);

        Assert.InRange(most, 1, 2);
        Assert.Equal(0, holders);
    }

    [Fact]
    public async Task TheSlotsRunASingleCalculationsChunkBeforeDistributedChunksQueuedEarlier()
    {
        using var slots = new ChunkSlots(Options.Create(new PiOptions { Slots = 1 }));
        using var busy = new ManualResetEventSlim();
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var holding = slots.RunAsync(() =>
        {
            busy.Wait(Token);
            return 0;
        }, Token);
        await WaitUntilAsync(() => slots.Used == 1);
        var distributed = slots.RunAsync(() => Ran(order, "distributed"), Token);
        await WaitUntilAsync(() => slots.Queued == 1);
        var single = slots.RunAsync(() => Ran(order, "single"), Token, first: true);
        await WaitUntilAsync(() => slots.Queued == 2);

        busy.Set();
        await Task.WhenAll(holding, distributed, single).WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Equal(["single", "distributed"], order);
    }

    private static int Ran(System.Collections.Concurrent.ConcurrentQueue<string> order, string name)
    {
        order.Enqueue(name);
        return 0;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition) => Pi.Orleans.Harness.Eventually.HoldsAsync(
        _ => Task.FromResult(condition()), TimeSpan.FromSeconds(30), () => "the slots reach the expected state", Token);
}
